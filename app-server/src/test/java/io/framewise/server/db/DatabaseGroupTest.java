package io.framewise.server.db;

import static io.framewise.server.db.generated.Tables.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.UserRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A group's writes commit together with its seal; events wait for the commit. */
class DatabaseGroupTest {

    @TempDir
    Path dir;

    @Test
    void theWritesAndTheSealCommitTogetherAndOthersSeeNothingBefore() throws Exception {
        try (Database db = Database.open(dir)) {
            UserRepository users = new JooqUserRepository(db);
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch looked = new CountDownLatch(1);
            CompletableFuture<Long> seenMeanwhile = new CompletableFuture<>();
            Thread other = new Thread(() -> {
                try {
                    written.await(10, TimeUnit.SECONDS);
                    seenMeanwhile.complete(count(db, USERS));
                } catch (InterruptedException e) {
                    seenMeanwhile.completeExceptionally(e);
                } finally {
                    looked.countDown();
                }
            });
            other.start();
            String result = db.group(
                    () -> {
                        users.create("ann", "Ann");
                        users.create("bob", "Bob");
                        assertEquals(2, count(db, USERS), "the group sees its own writes");
                        written.countDown();
                        assertTrue(looked.await(10, TimeUnit.SECONDS));
                        return "done";
                    },
                    (r, failure) -> users.create("cat", "Cat"));
            assertEquals("done", result);
            assertEquals(0L, seenMeanwhile.get(10, TimeUnit.SECONDS), "another reader saw nothing before the end");
            assertEquals(3, count(db, USERS));
        }
    }

    @Test
    void aSealThatThrowsRollsBackEverything() {
        try (Database db = Database.open(dir)) {
            UserRepository users = new JooqUserRepository(db);
            List<String> events = new ArrayList<>();
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> db.group(
                            () -> {
                                users.create("ann", "Ann");
                                db.afterCommit(() -> events.add("ann created"));
                                return null;
                            },
                            (r, failure) -> {
                                users.create("bob", "Bob");
                                throw new IllegalStateException("refused");
                            }));
            assertEquals("refused", e.getMessage());
            assertEquals(0, count(db, USERS));
            assertEquals(List.of(), events, "nobody hears of a change that was rolled back");
            // The writer is free again.
            users.create("cat", "Cat");
            assertEquals(1, count(db, USERS));
        }
    }

    @Test
    void workThatThrowsKeepsItsEarlierWritesAndEachWriteStaysAtomic() {
        try (Database db = Database.open(dir)) {
            UserRepository users = new JooqUserRepository(db);
            List<Throwable> sealSaw = new ArrayList<>();
            IllegalArgumentException thrown = new IllegalArgumentException("handler failed");
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> db.group(
                            () -> {
                                users.create("ann", "Ann");
                                assertThrows(
                                        IllegalStateException.class,
                                        () -> db.write(ctx -> {
                                            users.create("half", "Half");
                                            throw new IllegalStateException("a write that fails midway");
                                        }));
                                throw thrown;
                            },
                            (r, failure) -> sealSaw.add(failure)));
            assertSame(thrown, e);
            assertEquals(List.of(thrown), sealSaw, "the seal is told how the work ended");
            assertEquals(
                    List.of("ann"),
                    db.read(ctx -> ctx.select(USERS.NAME).from(USERS).fetch(USERS.NAME)),
                    "the write before the failure stays, the failed write left nothing");
        }
    }

    @Test
    void eventsRunAfterTheCommitAndAtOnceOutsideATransaction() throws Exception {
        try (Database db = Database.open(dir)) {
            UserRepository users = new JooqUserRepository(db);
            List<String> seen = new ArrayList<>();
            db.afterCommit(() -> seen.add("outside"));
            assertEquals(List.of("outside"), seen);
            db.write(ctx -> {
                users.create("ann", "Ann");
                db.afterCommit(() -> seen.add("users=" + count(db, USERS)));
                assertEquals(1, seen.size(), "held back until the commit");
                return null;
            });
            db.group(
                    () -> {
                        users.create("bob", "Bob");
                        db.afterCommit(() -> seen.add("group users=" + count(db, USERS)));
                        return null;
                    },
                    (r, failure) -> assertEquals(2, seen.size(), "not yet: the seal runs before the commit"));
            assertEquals(List.of("outside", "users=1", "group users=2"), seen);
            assertThrows(
                    IllegalStateException.class,
                    () -> db.write(ctx -> {
                        db.afterCommit(() -> seen.add("rolled back"));
                        throw new IllegalStateException("no");
                    }));
            assertEquals(3, seen.size());
        }
    }

    @Test
    void groupsDoNotNest() throws Exception {
        try (Database db = Database.open(dir)) {
            assertThrows(
                    IllegalStateException.class, () -> db.group(() -> db.group(() -> 1, (r, f) -> {}), (r, f) -> {}));
            assertThrows(
                    IllegalStateException.class,
                    () -> db.write(ctx -> {
                        try {
                            return db.group(() -> 1, (r, f) -> {});
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }));
            assertEquals(2, db.group(() -> 2, (r, f) -> {}), "a group without writes is fine");
        }
    }

    private static long count(Database db, Table<?> table) {
        return db.read(ctx -> (long) ctx.fetchCount(table));
    }
}
