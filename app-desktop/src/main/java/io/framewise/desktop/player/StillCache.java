package io.framewise.desktop.player;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Frame-exact stills around the playhead, so that holding Left or Right steps smoothly both ways:
 * the frame asked for first, then its neighbours in the direction of travel, on one background
 * thread (the decoder is sequential anyway). Least recently used pictures are dropped beyond the
 * capacity.
 */
public final class StillCache implements AutoCloseable {

    private final StillSource source;
    private final int capacity;
    private final int lookahead;
    private final long frameCount;
    private final ExecutorService worker;
    private final Map<Long, CompletableFuture<StillImage>> pictures;

    public StillCache(StillSource source, long frameCount, int capacity, int lookahead) {
        this.source = source;
        this.frameCount = frameCount;
        this.capacity = capacity;
        this.lookahead = lookahead;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "framewise-stills");
            t.setDaemon(true);
            return t;
        });
        this.pictures = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, CompletableFuture<StillImage>> eldest) {
                return size() > StillCache.this.capacity;
            }
        };
    }

    /** The picture of {@code index}; then fetches the next few frames in {@code direction} (+1 or -1). */
    public CompletableFuture<StillImage> get(long index, int direction) {
        CompletableFuture<StillImage> f = fetch(index);
        for (int i = 1; i <= lookahead; i++) {
            long n = index + i * (direction < 0 ? -1 : 1);
            if (n >= 0 && n < frameCount) {
                fetch(n);
            }
        }
        return f;
    }

    public synchronized boolean holds(long index) {
        CompletableFuture<StillImage> f = pictures.get(index);
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    private synchronized CompletableFuture<StillImage> fetch(long index) {
        CompletableFuture<StillImage> f = pictures.get(index);
        if (worker.isShutdown()) {
            // Closed (another clip is open now): late requests get an answer rather than an exception.
            return f != null ? f : CompletableFuture.failedFuture(new IllegalStateException("the clip was closed"));
        }
        if (f == null || f.isCompletedExceptionally()) {
            f = CompletableFuture.supplyAsync(() -> source.load(index), worker);
            pictures.put(index, f);
        }
        return f;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        source.close();
    }
}
