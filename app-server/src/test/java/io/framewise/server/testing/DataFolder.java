package io.framewise.server.testing;

import io.framewise.server.db.DatabaseLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks at a server's data folder from outside the server: its database and leftover files. */
public final class DataFolder {

    private DataFolder() {}

    /**
     * The database's own verdict on the data folder's database ("ok" when intact): SQLite's {@code
     * integrity_check} of {@code <data>/framewise.db}, read with a fresh connection the way the next
     * server start would open it (replaying the WAL a killed server left); in the suite's PostgreSQL
     * run, {@code amcheck} over every index of the library's tables and their rows.
     */
    public static String integrityCheck(Path data) throws SQLException {
        if (DatabaseLocation.defaultFor(data.toAbsolutePath()) instanceof DatabaseLocation.Postgres pg) {
            return postgresCheck(pg);
        }
        Path db = data.resolve("framewise.db");
        if (!Files.isRegularFile(db)) {
            throw new IllegalStateException("no database at " + db);
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return String.join("; ", rows);
    }

    /**
     * {@code bt_index_check(index, heapallindexed)} of every B-tree index outside the system schemas:
     * it raises an error naming the index on a corrupt page or a row its index lacks.
     */
    private static String postgresCheck(DatabaseLocation.Postgres pg) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection c = DirectSql.connect(pg);
                Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
            try (ResultSet rs = st.executeQuery("SELECT c.oid::regclass::text FROM pg_index i"
                    + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE a.amname = 'btree' AND i.indisvalid"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            if (indexes.isEmpty()) {
                return "no index to check";
            }
            for (String index : indexes) {
                try (ResultSet rs =
                        st.executeQuery("SELECT bt_index_check('" + index.replace("'", "''") + "'::regclass, true)")) {
                    rs.next();
                }
            }
        }
        return "ok";
    }

    /** Every temporary ({@code *.part}) file under {@code dir}, at any depth; none when it is missing. */
    public static List<Path> partFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part"))
                    .filter(Files::isRegularFile)
                    .toList();
        }
    }

    /** The size of {@code file}, or -1 while it does not exist. */
    public static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
