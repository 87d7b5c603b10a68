package io.framewise.server.db;

import static io.framewise.server.db.generated.Tables.EVENTS;
import static io.framewise.server.db.generated.Tables.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.testing.SqliteOnly;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.User;
import io.framewise.server.users.UserRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    @Tag(SqliteOnly.TAG)
    void migrationsBuildTheSchemaInAnEmptyFolder() {
        Path data = dir.resolve("fresh/data");
        try (Database db = Database.open(data)) {
            assertTrue(Files.isRegularFile(data.resolve(Database.FILE_NAME)));
            List<String> names = db.read(
                    ctx -> ctx.fetch("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                            .getValues(0, String.class));
            Set<String> tables = new TreeSet<>(names);
            // Later migrations may add tables; these must all be there.
            Set<String> expected = Set.of(
                    "api_tokens",
                    "approvals",
                    "asset_metadata",
                    "asset_tags",
                    "asset_versions",
                    "assets",
                    "audit_log",
                    "events",
                    "flyway_schema_history",
                    "folders",
                    "home_projects",
                    "jobs",
                    "media_items",
                    "notes",
                    "notifications",
                    "project_members",
                    "projects",
                    "renditions",
                    "sessions",
                    "users");
            assertTrue(
                    tables.containsAll(expected),
                    "missing tables: "
                            + expected.stream().filter(t -> !tables.contains(t)).toList());
            Object applied = db.read(
                    ctx -> ctx.fetchValue(
                            "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank DESC LIMIT 1"));
            // V1 library, V2 accounts, V3 audit, V4 access; later migrations only raise it.
            assertTrue(Integer.parseInt(String.valueOf(applied)) >= 4, "schema version " + applied);
        }
    }

    @Test
    @Tag(SqliteOnly.TAG)
    void connectionsUseWalBusyTimeoutAndForeignKeys() {
        try (Database db = Database.open(dir)) {
            for (boolean writer : new boolean[] {false, true}) {
                Database.Work<List<Object>> pragmas = ctx -> List.of(
                        ctx.fetchValue("PRAGMA journal_mode"),
                        ctx.fetchValue("PRAGMA foreign_keys"),
                        ctx.fetchValue("PRAGMA busy_timeout"),
                        ctx.fetchValue("PRAGMA synchronous"));
                List<Object> values = writer ? db.write(pragmas) : db.read(pragmas);
                assertEquals("wal", String.valueOf(values.get(0)));
                assertEquals("1", String.valueOf(values.get(1)));
                assertEquals(String.valueOf(SqliteEngine.BUSY_TIMEOUT_MILLIS), String.valueOf(values.get(2)));
                assertEquals("1", String.valueOf(values.get(3)), "synchronous NORMAL");
            }
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database db = Database.open(dir)) {
            assertThrows(
                    DataAccessException.class,
                    () -> db.write(ctx -> ctx.execute(
                            "INSERT INTO projects (id, name, created_by, created_at) VALUES ('p', 'n', 'nobody', 0)")));
        }
    }

    @Test
    void readersCannotWrite() {
        try (Database db = Database.open(dir)) {
            DataAccessException e = assertThrows(
                    DataAccessException.class,
                    () -> db.read(ctx -> ctx.execute(
                            "INSERT INTO users (id, name, display_name, created_at) VALUES ('u', 'u', 'U', 0)")));
            // SQLite: "attempt to write a readonly database"; PostgreSQL: "... in a read-only transaction".
            assertTrue(
                    e.getMessage().contains("readonly")
                            || e.getMessage().contains("READONLY")
                            || e.getMessage().contains("read-only transaction"),
                    e.getMessage());
        }
    }

    @Test
    void aThrowingWriteRollsBackAndNestedWritesJoinTheOuterTransaction() {
        try (Database db = Database.open(dir)) {
            UserRepository users = new JooqUserRepository(db);
            assertThrows(
                    IllegalStateException.class,
                    () -> db.write(ctx -> {
                        users.create("ann", "Ann");
                        assertEquals(1, count(db, USERS), "the transaction sees its own write");
                        throw new IllegalStateException("boom");
                    }));
            assertEquals(0, count(db, USERS));
            db.write(ctx -> {
                users.create("bob", "Bob");
                users.create("cat", "Cat");
                return null;
            });
            assertEquals(2, count(db, USERS));
        }
    }

    @Test
    void fourWriterThreadsCommitAThousandTransactionsWithoutBusyErrors() throws Exception {
        try (Database db = Database.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 250; i++) {
                        long seq = thread * 1000L + i + 1;
                        db.write(ctx -> ctx.insertInto(EVENTS)
                                .set(EVENTS.SEQ, seq)
                                .set(EVENTS.KIND, "test.write")
                                .set(EVENTS.PAYLOAD_JSON, "{}")
                                .set(EVENTS.CREATED_AT, 0L)
                                .execute());
                        // Readers run alongside the writers (WAL): they must neither block nor fail.
                        count(db, EVENTS);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(1000, count(db, EVENTS));
        }
    }

    @Test
    void reopeningTheFileKeepsCommittedData() {
        User ann;
        try (Database db = Database.open(dir)) {
            ann = new JooqUserRepository(db).create("ann", "Ann");
        }
        try (Database db = Database.open(dir)) {
            assertEquals(ann, new JooqUserRepository(db).get(ann.id()).orElseThrow());
        }
    }

    @Test
    void dataWrittenIsReadableByAnotherProcessStyleOpenBeforeClose() {
        // A second open of the same file (as after a crash, before the first closed) sees committed rows.
        try (Database first = Database.open(dir)) {
            User ann = new JooqUserRepository(first).create("ann", "Ann");
            try (Database second = Database.open(dir)) {
                assertEquals(ann, new JooqUserRepository(second).get(ann.id()).orElseThrow());
            }
        }
    }

    @Test
    @Tag(SqliteOnly.TAG)
    void aGarbageFileGivesAnErrorNamingTheFile() throws Exception {
        Path file = dir.resolve(Database.FILE_NAME);
        Files.write(
                file,
                "this is not a database, just some text that is long enough."
                        .repeat(200)
                        .getBytes(StandardCharsets.US_ASCII));
        DatabaseException e = assertThrows(DatabaseException.class, () -> Database.open(dir));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a SQLite database"), e.getMessage());
    }

    @Test
    void usingAClosedDatabaseSaysSo() {
        Database db = Database.open(dir);
        db.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.read(ctx -> 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    private static int count(Database db, org.jooq.Table<?> table) {
        return db.read(ctx -> ctx.fetchCount(table));
    }
}
