-- Access (issue 4): per-project roles, and who uploaded each media item.
-- Same portability rules as V1: TEXT ids, BIGINT epoch milliseconds.
--
-- One role per person and project. 'owner' manages membership on top of what an editor does.
-- Admins are global (users.is_admin) and need no membership.
CREATE TABLE project_members (
    project_id TEXT   NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT   NOT NULL CHECK (role IN ('owner', 'editor', 'reviewer', 'viewer')),
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

CREATE INDEX project_members_by_user ON project_members (user_id);

-- The uploader sees (and may delete) a media item before it is part of any project. NULL for media
-- that came in through the watched folder or before accounts existed: only admins see those until
-- they are filed into a project.
ALTER TABLE media_items ADD COLUMN uploaded_by TEXT REFERENCES users (id) ON DELETE SET NULL;

-- Project creators become owners of what they created before this migration.
INSERT INTO project_members (project_id, user_id, role, added_at)
SELECT id, created_by, 'owner', created_at FROM projects;
