package io.framewise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.audit.AuditEntry;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.DirectSql;
import io.framewise.server.testing.NotesServer;
import io.framewise.server.testing.PostgresPerDataFolder;
import io.framewise.server.testing.SqliteOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code framewise db migrate-to}, run as its own process the way an operator runs it, from a real
 * SQLite library (accounts, media, notes with drawings and replies, the audit log) into a database on
 * a throwaway PostgreSQL cluster.
 */
@Tag(SqliteOnly.TAG)
class MigrateToTest {

    private static final String ARROW = "{\"schema\":1,\"shapes\":[{\"type\":\"arrow\",\"color\":\"#ff0000\","
            + "\"width\":0.01,\"points\":[[0.1,0.2],[0.5,0.6]]}]}";
    private static final List<String> TABLES = List.of("users", "media_items", "notes", "audit_log", "events");

    @TempDir
    Path data;

    private DatabaseLocation.Sqlite library;

    record Run(int exit, String output) {}

    @BeforeEach
    void aLibrary() throws Exception {
        library = new DatabaseLocation.Sqlite(data.resolve("framewise.db"));
        try (NotesServer server = new NotesServer(data)) {
            JooqAccountRepository accounts = new JooqAccountRepository(server.db, new PasswordHasher());
            accounts.create("alice", "a long enough password", true);
            accounts.create("bob", "another long password", false);
            AuditLog audit = new AuditLog(server.db);
            for (int i = 0; i < 5; i++) {
                audit.append(new AuditEntry(
                        null, "alice", "login.success", null, null, "127.0.0.1", AuditOutcome.SUCCESS, "{}"));
            }
            for (int m = 0; m < 2; m++) {
                MediaItem clip = server.readyMedia(500);
                for (int n = 0; n < 40; n++) {
                    JsonNode root = NotesServer.json(server.send(
                            "POST",
                            "/api/media/" + clip.id() + "/comments",
                            "{\"text\":\"note " + n + "\",\"frame\":" + (n * 7) + ",\"drawing\":" + ARROW + "}"));
                    server.send(
                            "POST",
                            "/api/media/" + clip.id() + "/comments",
                            "{\"text\":\"reply " + n + "\",\"parentId\":\""
                                    + root.get("id").asText() + "\"}");
                }
            }
        }
    }

    @Test
    void theCopyHoldsEveryRowAndItsAuditChainAndResumesAfterAnInterruption() throws Exception {
        DatabaseLocation.Postgres target = PostgresPerDataFolder.cluster().newDatabase("migrate");
        Run first = migrate(target.jdbcUrl().replace("jdbc:", ""));
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("every count matches"), first.output());
        assertTrue(first.output().contains("Audit log in the copy:"), first.output());
        for (String table : TABLES) {
            long rows = count(library, table);
            assertTrue(rows > 0, table + " is empty in the source");
            assertEquals(rows, count(target, table), table);
        }
        assertEquals(80, count(target, "notes WHERE parent_id IS NOT NULL") + 0, "replies");
        assertEquals(
                column(library, "SELECT drawing_json FROM notes ORDER BY id"),
                column(target, "SELECT drawing_json FROM notes ORDER BY id"));

        // An interruption: the copy lost its last notes, replies first, and the end of the audit log.
        try (Connection c = DirectSql.connect(target);
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM notes WHERE parent_id IS NOT NULL AND frame > 100");
            s.executeUpdate("DELETE FROM audit_log WHERE seq > 3");
        }
        assertNotEquals(count(library, "notes"), count(target, "notes"));
        Run again = migrate(target.jdbcUrl().replace("jdbc:", ""));
        assertEquals(0, again.exit(), again.output());
        for (String table : TABLES) {
            assertEquals(count(library, table), count(target, table), table);
        }
    }

    @Test
    void aTargetHoldingAnotherLibraryIsRefusedAndLeftAlone() throws Exception {
        DatabaseLocation.Postgres target = PostgresPerDataFolder.cluster().newDatabase("other");
        assertEquals(0, migrate(target.jdbcUrl().replace("jdbc:", "")).exit());
        try (Connection c = DirectSql.connect(target);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (id, name, display_name, created_at) VALUES ('zzzzzzzzzzzzzzzzzzzzzz',"
                    + " 'mallory', 'Mallory', 1)");
        }
        long before = count(target, "users");
        Run refused = migrate(target.jdbcUrl().replace("jdbc:", ""));
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("not empty and not a copy of this library"), refused.output());
        assertEquals(before, count(target, "users"));
    }

    @Test
    void credentialsOnTheCommandLineAreRefused() throws Exception {
        Run r = migrate("postgresql://test:secret@127.0.0.1:"
                + PostgresPerDataFolder.cluster().port() + "/anything");
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("must not carry a user or password"), r.output());
    }

    private Run migrate(String target) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "io.framewise.cli.FramewiseCli",
                "db",
                "migrate-to",
                target,
                "--data",
                data.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("FRAMEWISE_"));
        pb.environment().putAll(Map.of("FRAMEWISE_DB_USER", "test"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("migrate-to did not finish: " + output);
        }
        return new Run(p.exitValue(), output);
    }

    private static long count(DatabaseLocation db, String tableAndWhere) throws SQLException {
        return Long.parseLong(
                column(db, "SELECT COUNT(*) FROM " + tableAndWhere).get(0));
    }

    private static List<String> column(DatabaseLocation db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DirectSql.connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
