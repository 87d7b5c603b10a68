-- Reliability (ADR 0028): resuming a node's own jobs at once, and idempotent creating requests.
-- Same portability rules as V1: TEXT ids, BIGINT epoch milliseconds.

-- The server node (its data folder's node-id) whose worker holds a running job. At start a node
-- requeues its own running jobs at once; other nodes' claims still wait for their lease to lapse.
ALTER TABLE jobs ADD COLUMN lease_node TEXT;

CREATE INDEX jobs_by_lease_node ON jobs (lease_node, state);

-- The stored answer of a creating request sent with an Idempotency-Key, written in the same
-- transaction as the change it made, so a repeat replays it instead of creating again. Keys are
-- per principal ('user:<id>'); a row older than 24 hours no longer counts and is deleted.
-- The key itself is not kept: key_hash is its SHA-256, fingerprint an HMAC of the request under the
-- key, and response the answer (status aside) sealed with AES-GCM under a key derived from it. An
-- answer can hold a secret (a new API token), and tokens are only ever stored hashed.
CREATE TABLE idempotency_keys (
    principal   TEXT    NOT NULL,
    key_hash    TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    status      INTEGER NOT NULL CHECK (status BETWEEN 200 AND 299),
    response    TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (principal, key_hash)
);

CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created_at);
