package io.framewise.desktop.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A key held faster than stills decode: the cache keeps only the playhead's frame and the ones
 * ahead of it waiting, cancels the rest before they start, and decodes no frame twice.
 */
class StillCacheTest {

    /** Real frame-exact stills of the long-GOP clip, held back until the test opens the gate. */
    static final class Gated implements StillSource {
        final LocalStills inner = new LocalStills(TestMedia.get(TestMedia.Variant.H264_LONG_GOP));
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(1);
        final List<Long> loaded = new CopyOnWriteArrayList<>();

        @Override
        public StillImage load(long index) {
            started.countDown();
            try {
                if (!gate.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            loaded.add(index);
            return inner.load(index);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aHeldKeyBuildsNoBacklogAndSupersededStillsAreCancelled() throws Exception {
        Gated source = new Gated();
        int lookahead = 4;
        try (StillCache cache = new StillCache(source, 250, 64, lookahead)) {
            List<CompletableFuture<StillImage>> asked = new ArrayList<>();
            asked.add(cache.get(10, 1));
            assertTrue(source.started.await(60, TimeUnit.SECONDS), "the first decode started");
            // Fifty-nine more steps forward while the first decode is still running.
            for (int i = 11; i < 70; i++) {
                asked.add(cache.get(i, 1));
                assertTrue(cache.queued() <= lookahead + 1, "queued " + cache.queued() + " at step " + i);
            }
            CompletableFuture<StillImage> last = asked.get(asked.size() - 1);
            for (int i = 1; i < 50; i++) {
                assertTrue(asked.get(i).isCancelled(), "the still of step " + (10 + i) + " was dropped");
            }
            source.gate.countDown();
            StillImage img = last.get(60, TimeUnit.SECONDS);
            assertEquals(69, img.index());
            assertEquals(69, FrameCode.readRgb(img.toRgb(), img.width(), img.height(), img.width() * 3));
            // Stepping back the other way: the window turns round and the ones behind are fetched.
            StillImage back = cache.get(66, -1).get(60, TimeUnit.SECONDS);
            assertEquals(66, back.index());
            assertTrue(asked.get(0).isDone(), "the decode that was running finished");
            assertTrue(cache.get(-1, 1).isCompletedExceptionally(), "a frame before the first is an error");
            assertTrue(cache.get(250, 1).isCompletedExceptionally(), "a frame after the last is an error");
        }
        List<Long> loaded = source.loaded;
        assertTrue(loaded.size() <= 1 + (lookahead + 1) + (lookahead + 1), "decoded " + loaded);
        assertEquals(loaded.size(), loaded.stream().distinct().count(), "no frame decoded twice: " + loaded);
        assertEquals(10L, loaded.get(0), "the running decode went on: " + loaded);
    }
}
