-- Issue 17, "people get told": what a notification is about, each person's choice per kind, the
-- persistent outbox that e-mails and webhook deliveries leave from, webhooks, and review requests.

-- What happened: mention, reply, note, approval, review_request, share_opened, job_failed, or
-- organizer for messages posted by organizer plugins (every row before this migration).
ALTER TABLE notifications ADD COLUMN kind TEXT NOT NULL DEFAULT 'organizer';
-- Where it points: the media item and frame (a note's), and the asset, when it has them.
ALTER TABLE notifications ADD COLUMN media_id TEXT;
ALTER TABLE notifications ADD COLUMN asset_id TEXT;
ALTER TABLE notifications ADD COLUMN frame BIGINT;
-- Who caused it (a note's author, an approver), or null.
ALTER TABLE notifications ADD COLUMN actor_id TEXT;

CREATE INDEX notifications_by_user_kind ON notifications (user_id, kind, created_at);

-- A person's e-mail address for notifications (accounts have none of their own).
CREATE TABLE notification_addresses (
    user_id    TEXT   NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email      TEXT,
    updated_at BIGINT NOT NULL
);

-- One row per person and kind they chose for; a kind without a row has its default.
-- channel: in_app, email, digest_hourly, digest_daily, off.
CREATE TABLE notification_preferences (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- Notifications waiting for the person's next digest mail; due_at is the end of the hour or day.
CREATE TABLE digest_items (
    id              TEXT   NOT NULL PRIMARY KEY,
    user_id         TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notification_id TEXT   NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    every           TEXT   NOT NULL,
    due_at          BIGINT NOT NULL,
    created_at      BIGINT NOT NULL
);

CREATE INDEX digest_items_due ON digest_items (due_at);

-- Admins register webhooks for every project (project_id null), project owners for their project.
-- kinds: the event kinds it wants, comma separated. The secret signs each delivery (HMAC-SHA256).
CREATE TABLE webhooks (
    id         TEXT   NOT NULL PRIMARY KEY,
    url        TEXT   NOT NULL,
    secret     TEXT   NOT NULL,
    project_id TEXT   REFERENCES projects (id) ON DELETE CASCADE,
    kinds      TEXT   NOT NULL,
    created_by TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

-- Everything that leaves the server: e-mails (channel email) and webhook deliveries (channel
-- webhook). Stored before the attempt, so a server or an SMTP server that is down loses nothing;
-- retried with exponential backoff until it is sent or given up (state failed) after many tries.
CREATE TABLE outbox (
    id              TEXT    NOT NULL PRIMARY KEY,
    channel         TEXT    NOT NULL,
    webhook_id      TEXT    REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    finished_at     BIGINT
);

CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_webhook ON outbox (webhook_id, created_at);

-- "Please review this by then": an asset, the people asked, and the due date (a day, UTC).
CREATE TABLE review_requests (
    id           TEXT   NOT NULL PRIMARY KEY,
    asset_id     TEXT   NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    requested_by TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    due_on       TEXT   NOT NULL,
    message      TEXT   NOT NULL,
    created_at   BIGINT NOT NULL
);

-- done_at: when that person approved or rejected the asset; overdue_mailed_on: the last day an
-- overdue reminder went into their daily digest.
CREATE TABLE review_request_people (
    request_id        TEXT   NOT NULL REFERENCES review_requests (id) ON DELETE CASCADE,
    user_id           TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    done_at           BIGINT,
    overdue_mailed_on TEXT,
    PRIMARY KEY (request_id, user_id)
);

CREATE INDEX review_request_people_by_user ON review_request_people (user_id, done_at);
