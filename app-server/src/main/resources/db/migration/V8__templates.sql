-- Clip templates (issue 13). Same portability rules as V1: TEXT ids, BIGINT epoch milliseconds.

-- A template: project_id NULL = global (admins write, everyone signed in reads).
-- json holds {"name","steps","output"} as the media engine's format, defaults written out.
CREATE TABLE templates (
    id         TEXT   NOT NULL PRIMARY KEY,
    project_id TEXT   REFERENCES projects (id) ON DELETE CASCADE,
    name       TEXT   NOT NULL,
    json       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX templates_by_project ON templates (project_id);

-- Files uploaded for template steps (PNG watermarks, SRT/VTT subtitles), kept under the data
-- folder as templates/<id>; kind is image or subtitles.
CREATE TABLE template_files (
    id          TEXT   NOT NULL PRIMARY KEY,
    kind        TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    size_bytes  BIGINT NOT NULL,
    uploaded_by TEXT   REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL
);
