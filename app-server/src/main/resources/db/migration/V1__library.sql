-- The library schema. Portable on purpose: SQLite today, PostgreSQL later.
-- Ids are random URL-safe TEXT (never sequential), times are BIGINT epoch milliseconds,
-- flags are BOOLEAN (SQLite stores 0/1), enumerations are TEXT with a CHECK where the set is closed.

CREATE TABLE users (
    id           TEXT   NOT NULL PRIMARY KEY,
    name         TEXT   NOT NULL UNIQUE,
    display_name TEXT   NOT NULL,
    created_at   BIGINT NOT NULL
);

CREATE TABLE projects (
    id         TEXT   NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL,
    created_by TEXT   NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE INDEX projects_by_created ON projects (created_at, id);

CREATE TABLE folders (
    id         TEXT    NOT NULL PRIMARY KEY,
    project_id TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    parent_id  TEXT    REFERENCES folders (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL
);

CREATE INDEX folders_by_parent ON folders (project_id, parent_id, position);

CREATE TABLE media_items (
    id             TEXT    NOT NULL PRIMARY KEY,
    original_name  TEXT    NOT NULL,
    stored_path    TEXT    NOT NULL,
    size_bytes     BIGINT  NOT NULL CHECK (size_bytes >= 0),
    sha256         TEXT,
    status         TEXT    NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    error          TEXT,
    probe_json     TEXT,
    frame_count    BIGINT,
    frame_rate     TEXT,
    start_timecode TEXT,
    drop_frame     BOOLEAN NOT NULL DEFAULT FALSE,
    width          INTEGER,
    height         INTEGER,
    duration_micros BIGINT,
    has_audio      BOOLEAN NOT NULL DEFAULT FALSE,
    frame_map_path TEXT,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);

CREATE INDEX media_items_by_created ON media_items (created_at, id);

CREATE TABLE renditions (
    id           TEXT   NOT NULL PRIMARY KEY,
    media_id     TEXT   NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL CHECK (kind IN ('proxy', 'poster', 'sprites', 'waveform', 'stills')),
    path         TEXT   NOT NULL,
    status       TEXT   NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    details_json TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (media_id, kind)
);

CREATE TABLE assets (
    id         TEXT   NOT NULL PRIMARY KEY,
    project_id TEXT   NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    folder_id  TEXT   REFERENCES folders (id) ON DELETE SET NULL,
    title      TEXT   NOT NULL,
    created_by TEXT   NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE INDEX assets_by_project ON assets (project_id, folder_id, created_at);

-- A version is its media item: deleting the media removes the version from the stack.
CREATE TABLE asset_versions (
    id             TEXT    NOT NULL PRIMARY KEY,
    asset_id       TEXT    NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    version_number INTEGER NOT NULL CHECK (version_number >= 1),
    media_id       TEXT    NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    created_at     BIGINT  NOT NULL,
    UNIQUE (asset_id, version_number)
);

CREATE INDEX asset_versions_by_media ON asset_versions (media_id);

-- The current decision on a version; the history of decisions lives in the events.
CREATE TABLE approvals (
    version_id TEXT   NOT NULL PRIMARY KEY REFERENCES asset_versions (id) ON DELETE CASCADE,
    status     TEXT   NOT NULL CHECK (status IN ('needs_review', 'changes_requested', 'approved')),
    decided_by TEXT   NOT NULL REFERENCES users (id),
    decided_at BIGINT NOT NULL
);

-- A note sits on a frame or on the frame range [frame, frame_out). Replies point at their
-- parent and go with it when it is deleted.
CREATE TABLE notes (
    id              TEXT    NOT NULL PRIMARY KEY,
    media_id        TEXT    NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    parent_id       TEXT    REFERENCES notes (id) ON DELETE CASCADE,
    frame           BIGINT  NOT NULL CHECK (frame >= 0),
    frame_out       BIGINT  CHECK (frame_out IS NULL OR frame_out > frame),
    body            TEXT    NOT NULL,
    drawing_json    TEXT,
    drawing_version INTEGER,
    resolved        BOOLEAN NOT NULL DEFAULT FALSE,
    resolved_by     TEXT    REFERENCES users (id),
    resolved_at     BIGINT,
    author_id       TEXT    NOT NULL REFERENCES users (id),
    created_at      BIGINT  NOT NULL,
    edited_at       BIGINT
);

CREATE INDEX notes_by_media_frame ON notes (media_id, frame, created_at, id);
CREATE INDEX notes_by_parent ON notes (parent_id);

-- The persistent work queue. kind is an open set (new processing steps need no migration).
-- A running job holds a lease; a lease that expires (worker crashed) puts the job back.
CREATE TABLE jobs (
    id               TEXT    NOT NULL PRIMARY KEY,
    kind             TEXT    NOT NULL,
    media_id         TEXT    REFERENCES media_items (id) ON DELETE CASCADE,
    state            TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    priority         INTEGER NOT NULL DEFAULT 0,
    payload_json     TEXT,
    created_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    lease_owner      TEXT,
    lease_expires_at BIGINT
);

CREATE INDEX jobs_by_state_priority ON jobs (state, priority, created_at);
CREATE INDEX jobs_by_media ON jobs (media_id, created_at);

-- The activity feed and the WebSocket replay log. seq is assigned by the writer as
-- MAX(seq) + 1 (portable; no SQLite rowid or PostgreSQL sequence needed). No foreign keys:
-- the feed outlives what it talks about.
CREATE TABLE events (
    seq          BIGINT NOT NULL PRIMARY KEY,
    kind         TEXT   NOT NULL,
    media_id     TEXT,
    asset_id     TEXT,
    payload_json TEXT   NOT NULL,
    created_at   BIGINT NOT NULL
);

CREATE INDEX events_by_media ON events (media_id, seq);
CREATE INDEX events_by_asset ON events (asset_id, seq);
