-- Share links and their guests (ADR 0036). Same portability rules as V1: TEXT ids, BIGINT epoch
-- milliseconds.

-- A link to an asset (all versions, or one pinned), a clip (filed as an asset: its asset with the
-- clip's version pinned) or a folder (its assets). The token is 256 random bits and only its SHA-256
-- is kept; the password, if any, is an Argon2id hash. rights is a comma-separated list of
-- view, comment, approve, download, downloadProxy. views counts guest sessions opened.
CREATE TABLE shares (
    id             TEXT    NOT NULL PRIMARY KEY,
    token_hash     TEXT    NOT NULL UNIQUE,
    target_type    TEXT    NOT NULL CHECK (target_type IN ('asset', 'clip', 'folder')),
    target_id      TEXT    NOT NULL,
    project_id     TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    version_number INTEGER CHECK (version_number IS NULL OR version_number >= 1),
    title          TEXT,
    rights         TEXT    NOT NULL,
    password_hash  TEXT,
    expires_at     BIGINT,
    max_views      INTEGER CHECK (max_views IS NULL OR max_views >= 1),
    views          INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0),
    watermark      BOOLEAN NOT NULL DEFAULT FALSE,
    require_email  BOOLEAN NOT NULL DEFAULT FALSE,
    live           BOOLEAN NOT NULL DEFAULT FALSE,
    created_by     TEXT    NOT NULL REFERENCES users (id),
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    revoked_at     BIGINT
);

CREATE INDEX shares_by_target ON shares (target_type, target_id, created_at);
CREATE INDEX shares_by_project ON shares (project_id, created_at);

-- One guest session: a view of the link. The session token is 256 random bits, kept as its SHA-256.
-- Watch time and downloads are summed here; the watched frame ranges are in share_watch.
CREATE TABLE share_guests (
    id            TEXT    NOT NULL PRIMARY KEY,
    share_id      TEXT    NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    session_hash  TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    email         TEXT,
    address       TEXT,
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    ended_at      BIGINT,
    watch_millis  BIGINT  NOT NULL DEFAULT 0 CHECK (watch_millis >= 0),
    downloads     INTEGER NOT NULL DEFAULT 0 CHECK (downloads >= 0)
);

CREATE INDEX share_guests_by_share ON share_guests (share_id, created_at);

-- What a guest's player reported playing, one row per heartbeat: frames [from_frame, to_frame).
CREATE TABLE share_watch (
    guest_id   TEXT    NOT NULL REFERENCES share_guests (id) ON DELETE CASCADE,
    media_id   TEXT    NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    from_frame BIGINT  NOT NULL CHECK (from_frame >= 0),
    to_frame   BIGINT  NOT NULL CHECK (to_frame > from_frame),
    at         BIGINT  NOT NULL
);

CREATE INDEX share_watch_by_guest ON share_watch (guest_id, media_id);

-- A note written by a guest: author_id is the link's creator (notes need an account there), and
-- the guest is named here; the name stays on the note if the guest's record goes.
ALTER TABLE notes ADD COLUMN guest_id TEXT REFERENCES share_guests (id) ON DELETE SET NULL;
ALTER TABLE notes ADD COLUMN guest_name TEXT;
