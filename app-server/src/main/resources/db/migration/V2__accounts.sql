-- Accounts (issue 4): passwords, roles, browser sessions and personal API tokens.
-- Same portability rules as V1: TEXT ids, BIGINT epoch milliseconds, BOOLEAN flags.
--
-- users.name holds the canonical login name (NFKC, lower case), so the existing UNIQUE on it makes
-- names unique case-insensitively on every database; display_name keeps the name as it was typed.
-- A NULL password_hash means the account cannot log in with a password (the `none` mode's local
-- user and, later, users created by a reverse proxy).
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN is_admin BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
UPDATE users SET updated_at = created_at;

-- One row per browser login. The id is the SHA-256 (hex) of the session token, and csrf_hash the
-- SHA-256 of its CSRF token: a copy of the database lets nobody take over a session.
-- expires_at is the absolute limit; the idle limit is measured from last_seen_at.
CREATE TABLE sessions (
    id           TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_hash    TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    revoked      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX sessions_by_user ON sessions (user_id);

-- Personal API tokens: only the SHA-256 (hex) of the token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id           TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);

-- Login rate-limit state is kept in memory (LoginRateLimiter), not here: failed logins from an
-- attacker must not turn into database writes, and a restart is an operator's act anyway.
