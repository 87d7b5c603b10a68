package io.framewise.server.db;

import static io.framewise.server.db.generated.Tables.EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitOfWorkTest {

    @TempDir
    Path dir;

    @Test
    void actionsRunOnceAfterTheOutermostCommitAndSeeTheChange() {
        try (Database db = Database.open(dir)) {
            List<String> heard = new ArrayList<>();
            db.inTransaction(() -> {
                insertEvent(db, "outer");
                db.inTransaction(() -> {
                    insertEvent(db, "inner");
                    db.afterCommit(() -> heard.add("inner saw " + count(db)));
                });
                // Still inside the outer transaction: nothing may have been published yet.
                assertEquals(List.of(), heard);
                db.afterCommit(() -> heard.add("outer saw " + count(db)));
            });
            assertEquals(List.of("inner saw 2", "outer saw 2"), heard);
        }
    }

    @Test
    void actionsOfARolledBackUnitAreDropped() {
        try (Database db = Database.open(dir)) {
            List<String> heard = new ArrayList<>();
            assertThrows(
                    IllegalStateException.class,
                    () -> db.inTransaction(() -> {
                        insertEvent(db, "lost");
                        db.afterCommit(() -> heard.add("published"));
                        throw new IllegalStateException("refused");
                    }));
            db.inTransaction(() -> db.afterCommit(() -> heard.add("next unit")));
            assertEquals(List.of("next unit"), heard);
            assertEquals(0, count(db));
        }
    }

    @Test
    void aFailingActionDoesNotStopTheOthersNorUndoTheCommit() {
        try (Database db = Database.open(dir)) {
            List<String> heard = new ArrayList<>();
            db.inTransaction(() -> {
                insertEvent(db, "kept");
                db.afterCommit(() -> {
                    throw new IllegalStateException("listener broke");
                });
                db.afterCommit(() -> heard.add("second"));
            });
            assertEquals(List.of("second"), heard);
            assertEquals(1, count(db));
        }
    }

    @Test
    void outsideATransactionAnActionRunsAtOnce() {
        try (Database db = Database.open(dir)) {
            List<String> heard = new ArrayList<>();
            db.afterCommit(() -> heard.add("now"));
            assertEquals(List.of("now"), heard);
        }
    }

    private static void insertEvent(Database db, String kind) {
        db.write(ctx -> ctx.insertInto(EVENTS)
                .set(EVENTS.SEQ, (long) (count(db) + 1))
                .set(EVENTS.KIND, kind)
                .set(EVENTS.PAYLOAD_JSON, "{}")
                .set(EVENTS.CREATED_AT, db.nowMillis())
                .execute());
    }

    private static int count(Database db) {
        return db.read(ctx -> ctx.fetchCount(EVENTS));
    }
}
