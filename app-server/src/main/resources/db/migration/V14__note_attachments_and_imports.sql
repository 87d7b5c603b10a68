-- Note attachments and the import ledger (moving over from Clapshot, issue 14).
-- Same portability rules as V1: TEXT ids, BIGINT epoch milliseconds.
--
-- An attachment is a file that belongs to a note (today: a picture, such as a reviewer's drawing
-- another tool stored as a flattened image). The file lives in the data folder under `path`
-- (relative); the row goes with its note.
CREATE TABLE note_attachments (
    id           TEXT    NOT NULL PRIMARY KEY,
    note_id      TEXT    NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('image')),
    content_type TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    size_bytes   BIGINT  NOT NULL CHECK (size_bytes >= 0),
    width        INTEGER,
    height       INTEGER,
    -- Shown over the frame (a drawing) rather than only under the note.
    overlay      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   BIGINT  NOT NULL
);

CREATE INDEX note_attachments_by_note ON note_attachments (note_id, created_at, id);

-- What an import already brought over: one row per source object (a Clapshot user, media file,
-- folder, comment, drawing), naming what it became here. A second run skips what is listed, so an
-- interrupted import continues and a repeated one adds nothing. No foreign keys: an imported object
-- deleted here later is not imported again.
CREATE TABLE import_ledger (
    source      TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    source_id   TEXT   NOT NULL,
    target_id   TEXT   NOT NULL,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);
