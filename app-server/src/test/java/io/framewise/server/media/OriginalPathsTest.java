package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The short-lived memory of where originals lie: read once, forgotten on removal and after its time. */
class OriginalPathsTest {

    private final Map<String, String> library = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000);
    private final OriginalPaths paths = new OriginalPaths(
            id -> {
                reads.incrementAndGet();
                return Optional.ofNullable(library.get(id));
            },
            now::get);

    @Test
    void readsAnItemOnceWhileItsEntryLives() {
        library.put("a", "media/a/original.mov");
        assertEquals(Optional.of("media/a/original.mov"), paths.of("a"));
        assertEquals(Optional.of("media/a/original.mov"), paths.of("a"));
        assertEquals(1, reads.get());
        now.addAndGet(OriginalPaths.TTL_NANOS);
        assertEquals(Optional.of("media/a/original.mov"), paths.of("a"));
        assertEquals(2, reads.get(), "read again once its time is up");
    }

    @Test
    void aRemovedItemIsForgottenAtOnce() {
        library.put("a", "media/a/original.mov");
        assertEquals(Optional.of("media/a/original.mov"), paths.of("a"));
        library.remove("a");
        paths.forget("a");
        assertEquals(Optional.empty(), paths.of("a"));
    }

    @Test
    void unknownItemsAreNotRemembered() {
        assertEquals(Optional.empty(), paths.of("b"));
        library.put("b", "media/b/original.mp4");
        assertEquals(Optional.of("media/b/original.mp4"), paths.of("b"));
    }

    @Test
    void staysBounded() {
        for (int i = 0; i <= OriginalPaths.MAX_ENTRIES; i++) {
            library.put("m" + i, "media/m" + i + "/original.mov");
            paths.of("m" + i);
        }
        int before = reads.get();
        paths.of("m" + OriginalPaths.MAX_ENTRIES);
        assertEquals(before, reads.get(), "the newest entry is kept");
        paths.of("m0");
        assertEquals(before + 1, reads.get(), "older ones were dropped when the bound was reached");
    }
}
