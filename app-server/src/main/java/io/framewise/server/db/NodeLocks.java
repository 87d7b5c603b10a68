package io.framewise.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Locks that several server nodes on one PostgreSQL database take for work a request does on one
 * node while no other node may do the same (a tus PATCH of one upload on a shared store). Each is a
 * session-level advisory lock on a connection of its own, outside the pool: it is held for as long
 * as the request runs, which may be minutes for a large PATCH, and a node that dies loses its
 * session and so its locks. SQLite serves one node only, so it has none.
 */
public final class NodeLocks {

    private final DatabaseLocation.Postgres location;

    private NodeLocks(DatabaseLocation.Postgres location) {
        this.location = location;
    }

    /** The locks of a database several nodes may share; empty for SQLite. */
    public static Optional<NodeLocks> of(DatabaseLocation location) {
        return location instanceof DatabaseLocation.Postgres postgres
                ? Optional.of(new NodeLocks(postgres))
                : Optional.empty();
    }

    /**
     * Takes the lock named {@code scope} and {@code key} when no session holds it, else answers null
     * at once. Closing the handle releases it.
     *
     * @throws DatabaseException when the database cannot be reached
     */
    public AutoCloseable tryLock(String scope, String key) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Connection c;
        try {
            c = PostgresEngine.dataSource(location).getConnection();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot take a lock in " + location.describe() + ": " + e.getMessage(), e);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?), hashtext(?))")) {
            s.setString(1, scope);
            s.setString(2, key);
            boolean got;
            try (ResultSet r = s.executeQuery()) {
                got = r.next() && r.getBoolean(1);
            }
            if (!got) {
                c.close();
                return null;
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw new DatabaseException("Cannot take a lock in " + location.describe() + ": " + e.getMessage(), e);
        }
        // Ending the session releases its advisory locks.
        return () -> closeQuietly(c);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // The session ends with the connection either way, and its locks with it.
        }
    }
}
