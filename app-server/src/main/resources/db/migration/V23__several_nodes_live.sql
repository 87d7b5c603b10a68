-- Several nodes on one PostgreSQL database (ADR 0062). On SQLite there is one node and these tables
-- stay empty.

-- A message for other nodes too large for NOTIFY's 8000 bytes: the notification carries its id and
-- receivers read it here. Swept after a few minutes.
CREATE TABLE cluster_messages (
    id TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cluster_messages_by_age ON cluster_messages (created_at);

-- A live review session shared by the nodes: its whole state (playback, members and the node each
-- is connected to, driver, pending requests, laser pointers, strokes in progress) as JSON, changed
-- under a row lock by whichever node a command arrives at.
CREATE TABLE live_sessions (
    id TEXT PRIMARY KEY,
    media_id TEXT NOT NULL,
    state_json TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Each running node's heartbeat: members connected to a node that stopped beating leave their
-- sessions.
CREATE TABLE live_nodes (
    node_id TEXT PRIMARY KEY,
    heartbeat_at BIGINT NOT NULL
);
