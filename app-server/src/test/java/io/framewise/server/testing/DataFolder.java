package io.framewise.server.testing;

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
     * SQLite's own verdict on {@code <data>/framewise.db} ("ok" when intact), read with a fresh
     * connection the way the next server start would open it (replaying the WAL a killed server left).
     */
    public static String integrityCheck(Path data) throws SQLException {
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
