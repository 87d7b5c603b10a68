package io.framewise.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void eventsReplayInSequenceAfterAGivenPoint() {
        try (Database db = Database.open(dir, new MutableClock())) {
            EventRepository events = new JooqEventRepository(db);
            assertEquals(0, events.latestSequence());
            String media = Ids.newId();
            Event first = events.append("media.added", media, null, "{\"name\":\"a.mov\"}");
            Event second = events.append("media.ready", media, null, "{}");
            Event third = events.append("note.created", media, Ids.newId(), "{\"frame\":12}");
            assertEquals(1, first.sequence());
            assertEquals(3, events.latestSequence());
            assertEquals(List.of(first, second, third), events.listSince(0, 100));
            assertEquals(List.of(second, third), events.listSince(1, 100));
            assertEquals(List.of(second), events.listSince(1, 1));
            assertEquals(List.of(), events.listSince(3, 100));
        }
    }

    @Test
    void concurrentAppendsGetDistinctGapFreeSequences() throws Exception {
        try (Database db = Database.open(dir)) {
            EventRepository events = new JooqEventRepository(db);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        events.append("test.tick", null, null, "{}");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            List<Long> seqs = new ArrayList<>();
            for (long after = 0; ; ) {
                List<Event> page = events.listSince(after, 64);
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(e -> seqs.add(e.sequence()));
                after = page.get(page.size() - 1).sequence();
            }
            assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), seqs);
        }
    }

    @Test
    void invalidEventsNameTheField() {
        try (Database db = Database.open(dir)) {
            EventRepository events = new JooqEventRepository(db);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> events.append("Media Ready", null, null, "{}"));
            assertTrue(e.getMessage().startsWith("kind "), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> events.listSince(0, 0));
            assertTrue(e.getMessage().startsWith("limit "), e.getMessage());
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> events.append("a.b", null, null, "x".repeat(Event.MAX_PAYLOAD + 1)));
            assertTrue(e.getMessage().startsWith("payloadJson "), e.getMessage());
            assertEquals(0, events.latestSequence(), "a refused event leaves no number behind");
        }
    }
}
