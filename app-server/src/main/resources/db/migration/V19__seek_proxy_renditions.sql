-- Videos get a seek proxy (ADR 0051), stored as a rendition of kind 'seek_proxy'. SQLite cannot
-- change a CHECK constraint in place: the table is rebuilt with the wider one, its rows copied
-- unchanged (as in V11). Nothing references renditions, so dropping the old table breaks no key.

CREATE TABLE renditions_new (
    id           TEXT   NOT NULL PRIMARY KEY,
    media_id     TEXT   NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL CHECK (kind IN ('proxy', 'poster', 'sprites', 'waveform', 'stills', 'hls', 'seek_proxy')),
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
