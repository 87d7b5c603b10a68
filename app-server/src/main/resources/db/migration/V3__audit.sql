-- The audit log: an append-only, hash-chained record of security and review events.
-- Stands alone (no foreign keys): an entry must outlive the user, token or media it names,
-- and the chain must verify from this table only. Actor id and name are copied, not referenced,
-- so renaming or deleting a user never rewrites history; both are NULL for anonymous requests.
-- The product only ever inserts here; hash covers every other column (see AuditChain).

CREATE TABLE audit_log (
    seq            BIGINT NOT NULL PRIMARY KEY CHECK (seq >= 1),
    at             BIGINT NOT NULL,
    actor_id       TEXT,
    actor_name     TEXT,
    action         TEXT   NOT NULL,
    resource_type  TEXT,
    resource_id    TEXT,
    source_address TEXT,
    outcome        TEXT   NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    details_json   TEXT,
    prev_hash      TEXT   NOT NULL,
    hash           TEXT   NOT NULL
);

CREATE INDEX audit_log_by_at ON audit_log (at, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_actor_id ON audit_log (actor_id, seq);
CREATE INDEX audit_log_by_actor_name ON audit_log (actor_name, seq);
