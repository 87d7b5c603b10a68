-- Clips (ADR 0035): a clip is a media item of its own, cut from frames [frame_in, frame_out) of its
-- source. Same portability rules as V1: TEXT ids, BIGINT epoch milliseconds.
--
-- source_id has no foreign key on purpose: removing the source keeps its clips and the record of
-- where they came from (a clip job that has not run yet then fails, naming the missing source).
-- template_id likewise names a template that may be deleted later.
-- actual_in/actual_out stay NULL until the cut is done: COPY snaps outward to keyframes, and
-- their being set is also what tells a clip job run again after a crash that its work is done.
CREATE TABLE clips (
    media_id     TEXT    NOT NULL PRIMARY KEY REFERENCES media_items (id) ON DELETE CASCADE,
    source_id    TEXT    NOT NULL,
    frame_in     BIGINT  NOT NULL CHECK (frame_in >= 0),
    frame_out    BIGINT  NOT NULL CHECK (frame_out > frame_in),
    mode         TEXT    NOT NULL CHECK (mode IN ('copy', 'smart', 'reencode')),
    template_id  TEXT,
    title        TEXT    NOT NULL,
    copy_notes   BOOLEAN NOT NULL DEFAULT FALSE,
    actual_in    BIGINT,
    actual_out   BIGINT,
    snapped      BOOLEAN NOT NULL DEFAULT FALSE,
    created_by   TEXT,
    created_at   BIGINT  NOT NULL
);

CREATE INDEX clips_by_source ON clips (source_id);
