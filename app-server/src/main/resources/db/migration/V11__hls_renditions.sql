-- Long or high-bitrate media get an HLS ladder (ADR 0037), stored as a rendition of kind 'hls'.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the wider one, its rows
-- copied unchanged. Nothing references renditions, so dropping the old table breaks no foreign key.

CREATE TABLE renditions_new (
    id           TEXT   NOT NULL PRIMARY KEY,
    media_id     TEXT   NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL CHECK (kind IN ('proxy', 'poster', 'sprites', 'waveform', 'stills', 'hls')),
    path         TEXT   NOT NULL,
    status       TEXT   NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    details_json TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (media_id, kind)
);

INSERT INTO renditions_new (id, media_id, kind, path, status, details_json, created_at, updated_at)
SELECT id, media_id, kind, path, status, details_json, created_at, updated_at FROM renditions;

DROP TABLE renditions;

ALTER TABLE renditions_new RENAME TO renditions;
