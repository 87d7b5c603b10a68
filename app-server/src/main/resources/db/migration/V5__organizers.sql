-- Organizer plugins (issue 5): what organizers read and write through the host API.
-- Same portability rules as V1: TEXT ids, BIGINT epoch milliseconds.

-- Free-form labels on assets (e.g. "confidential"), lower case.
CREATE TABLE asset_tags (
    asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (asset_id, tag)
);

CREATE INDEX asset_tags_by_tag ON asset_tags (tag);

-- Organizer-owned key/value metadata on assets.
CREATE TABLE asset_metadata (
    asset_id   TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    meta_key   TEXT NOT NULL,
    meta_value TEXT NOT NULL,
    PRIMARY KEY (asset_id, meta_key)
);

-- A user's home folders live in a personal project of their own, made on first use.
CREATE TABLE home_projects (
    user_id    TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL UNIQUE REFERENCES projects (id) ON DELETE CASCADE
);

-- In-app notifications, posted by organizers (and later by the server itself).
-- subject_type/subject_id name what it is about (an asset, a media item...), both or neither.
CREATE TABLE notifications (
    id           TEXT   NOT NULL PRIMARY KEY,
    user_id      TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body         TEXT   NOT NULL,
    subject_type TEXT,
    subject_id   TEXT,
    source       TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    read_at      BIGINT
);

CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
