package io.framewise.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.cli.FramewiseCli;
import io.framewise.server.db.Database;
import io.framewise.server.testing.SqliteOnly;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits the database file the way an intruder with file access would, then runs {@code framewise audit verify}. */
class AuditTamperTest {

    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void fiveEntries() {
        try (Database db = Database.open(data)) {
            AuditLog log = new AuditLog(db);
            for (int i = 1; i <= 5; i++) {
                log.append(AuditEntry.of(i % 2 == 0 ? "media.deleted" : "media.uploaded", AuditOutcome.SUCCESS)
                        .by("u1", "ada")
                        .on("media", "m" + i)
                        .from("192.0.2.1"));
            }
        }
    }

    @Test
    void anUntouchedLogIsIntact() {
        Run run = verify();
        assertEquals(0, run.exit(), run.err());
        assertEquals("audit log intact: 5 entries", run.out().strip());
    }

    @Test
    void anEditedEntryIsNamed() throws SQLException {
        sql("UPDATE audit_log SET action = 'media.viewed' WHERE seq = 3");
        Run run = verify();
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("entry 3: hash mismatch"), run.err());
    }

    @Test
    void anEditWithARecomputedHashBreaksTheNextLink() throws SQLException {
        sql("UPDATE audit_log SET actor_name = 'eve' WHERE seq = 2");
        try (Database db = Database.open(data)) {
            AuditRecord edited = new AuditQuery(db)
                    .find(AuditFilter.all().user("eve"), io.framewise.server.db.Paging.oldest(1))
                    .get(0);
            sql("UPDATE audit_log SET hash = '" + AuditChain.hash(edited) + "' WHERE seq = 2");
        }
        Run run = verify();
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("entry 3: broken link"), run.err());
    }

    @Test
    void aDeletedEntryInTheMiddleIsNamed() throws SQLException {
        sql("DELETE FROM audit_log WHERE seq = 3");
        Run run = verify();
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("entry 4: gap in the sequence, entry 3 is missing"), run.err());
    }

    @Test
    void aDeletedFirstEntryIsNamed() throws SQLException {
        sql("DELETE FROM audit_log WHERE seq IN (1, 2)");
        Run run = verify();
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("entry 3: gap in the sequence, entries 1 to 2 are missing"), run.err());
    }

    @Test
    void aChangedPrevHashIsNamed() throws SQLException {
        sql("UPDATE audit_log SET prev_hash = '" + "f".repeat(64) + "' WHERE seq = 3");
        Run run = verify();
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("entry 3: broken link"), run.err());
    }

    @Tag(SqliteOnly.TAG)
    @Test
    void aMissingDatabaseIsReportedNotCreated() {
        Run run = verify(data.resolve("elsewhere"));
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no database at"), run.err());
        assertTrue(
                !data.resolve("elsewhere").resolve(Database.FILE_NAME).toFile().exists());
    }

    private Run verify() {
        return verify(data);
    }

    private static Run verify(Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FramewiseCli.execute(
                new String[] {"audit", "verify", "--data", dir.toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Plain sqlite-jdbc, outside the product: what anyone with the file could do. */
    private void sql(String statement) throws SQLException {
        try (Connection c = io.framewise.server.testing.DirectSql.connect(data);
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
