-- Notes get a marker colour from the neutral palette (io.framewise.model.notes.MarkerColour, ADR 0039)
-- and, for notes read from an EDL or marker file, the key that makes a second import of the same file
-- find them instead of writing them again. Notes written by hand have neither.

ALTER TABLE notes ADD COLUMN colour TEXT CHECK (colour IS NULL OR colour IN
    ('red', 'pink', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'magenta', 'black', 'white'));

ALTER TABLE notes ADD COLUMN import_key TEXT;

CREATE UNIQUE INDEX notes_by_import_key ON notes (media_id, import_key) WHERE import_key IS NOT NULL;
