-- Suggested markers from scene detection (ADR 0048): the hard cuts a job found in a long video, each
-- the first frame of a new shot (the engine's frame index). A suggestion is not a note: accepting one
-- writes a note at its frame and removes the row; dismissing removes the row. Same portability rules
-- as V1: TEXT ids, BIGINT epoch milliseconds.
--
-- One row per media and frame, so the detection job run again after a crash never lists a cut twice.
CREATE TABLE scene_cuts (
    id         TEXT   NOT NULL PRIMARY KEY,
    media_id   TEXT   NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    frame      BIGINT NOT NULL CHECK (frame >= 1),
    score      REAL   NOT NULL CHECK (score >= 0 AND score <= 1),
    created_at BIGINT NOT NULL,
    UNIQUE (media_id, frame)
);

-- Detection runs once per media; this row says it did, so accepted and dismissed cuts stay gone.
CREATE TABLE scene_detections (
    media_id    TEXT   NOT NULL PRIMARY KEY REFERENCES media_items (id) ON DELETE CASCADE,
    cut_count   INTEGER NOT NULL CHECK (cut_count >= 0),
    finished_at BIGINT NOT NULL
);
