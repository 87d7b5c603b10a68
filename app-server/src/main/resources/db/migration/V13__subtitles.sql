-- Subtitle tracks of a media item (ADR 0042): the text tracks embedded in the file, extracted to
-- WebVTT at ingest, and sidecar files uploaded to it. Same portability rules as V1: TEXT ids,
-- BIGINT epoch milliseconds.
--
-- stream_index is the embedded stream's index in the file (NULL for a sidecar); one row per stream,
-- so the extraction step run again after a crash never lists a track twice.
-- is_text is false for bitmap subtitles (PGS, DVB, DVD): listed, not extracted, so stored_path and
-- cue_count stay NULL/0.
CREATE TABLE subtitle_tracks (
    id           TEXT    NOT NULL PRIMARY KEY,
    media_id     TEXT    NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    source       TEXT    NOT NULL CHECK (source IN ('embedded', 'sidecar')),
    stream_index INTEGER CHECK (stream_index >= 0),
    codec        TEXT    NOT NULL,
    language     TEXT,
    label        TEXT,
    is_default   BOOLEAN NOT NULL DEFAULT FALSE,
    is_text      BOOLEAN NOT NULL DEFAULT TRUE,
    stored_path  TEXT,
    cue_count    INTEGER NOT NULL DEFAULT 0 CHECK (cue_count >= 0),
    created_by   TEXT,
    created_at   BIGINT  NOT NULL,
    UNIQUE (media_id, stream_index)
);

CREATE INDEX subtitle_tracks_by_media ON subtitle_tracks (media_id, created_at);
