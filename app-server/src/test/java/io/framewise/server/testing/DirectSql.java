package io.framewise.server.testing;

import io.framewise.server.db.DatabaseLocation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A plain JDBC connection to a data folder's database, outside the product: what anyone holding the
 * file or the database password could do (tamper tests), and how tests read rows the API does not
 * show. Follows the database the server chose, SQLite or the test run's PostgreSQL.
 */
public final class DirectSql {

    private DirectSql() {}

    /** A connection to the default database of {@code dataDir}. */
    public static Connection connect(Path dataDir) throws SQLException {
        return connect(DatabaseLocation.defaultFor(dataDir));
    }

    /**
     * The SQL expression of the text at {@code field} of the JSON in {@code column}, in the dialect
     * of {@code dataDir}'s database ({@code json_extract} on SQLite, {@code ->>} on PostgreSQL).
     */
    public static String jsonText(Path dataDir, String column, String field) {
        if (DatabaseLocation.defaultFor(dataDir.toAbsolutePath()) instanceof DatabaseLocation.Postgres) {
            return "(" + column + "::json ->> '" + field + "')";
        }
        return "json_extract(" + column + ", '$." + field + "')";
    }

    public static Connection connect(DatabaseLocation location) throws SQLException {
        if (location instanceof DatabaseLocation.Postgres pg) {
            return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        }
        return DriverManager.getConnection("jdbc:sqlite:" + ((DatabaseLocation.Sqlite) location).file());
    }
}
