package io.framewise.desktop.player;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Frame-exact stills around the playhead, so that holding Left or Right steps smoothly both ways:
 * the frame asked for first, then its neighbours in the direction of travel, on one background
 * thread (the decoder is sequential anyway). Each request replaces the queue: stills asked for
 * earlier that are no longer the playhead's frame or ahead of it are cancelled before they start,
 * so a key held at 25 steps a second never builds a backlog behind a slow decoder or server; only
 * the one being decoded finishes. Least recently used pictures are dropped beyond the capacity.
 */
public final class StillCache implements AutoCloseable {

    private final StillSource source;
    private final int capacity;
    private final int lookahead;
    private final long frameCount;
    private final Thread worker;
    private final Map<Long, CompletableFuture<StillImage>> pictures;
    /** Indices asked for and not started yet, the next to decode first. Guarded by {@code this}. */
    private List<Long> queue = new ArrayList<>();

    private boolean closed;

    public StillCache(StillSource source, long frameCount, int capacity, int lookahead) {
        this.source = source;
        this.frameCount = frameCount;
        this.capacity = capacity;
        this.lookahead = lookahead;
        this.pictures = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, CompletableFuture<StillImage>> eldest) {
                return size() > StillCache.this.capacity && eldest.getValue().isDone();
            }
        };
        this.worker = new Thread(this::work, "framewise-stills");
        worker.setDaemon(true);
        worker.start();
    }

    /** How many frames ahead of the playhead are fetched: a move farther than this is a jump. */
    public int lookahead() {
        return lookahead;
    }

    /**
     * The picture of {@code index}; then fetches the next few frames in {@code direction} (+1 or
     * -1). Earlier requests outside that window that have not started are cancelled.
     */
    public synchronized CompletableFuture<StillImage> get(long index, int direction) {
        if (closed) {
            // Closed (another clip is open now): late requests get an answer rather than an exception.
            CompletableFuture<StillImage> f = pictures.get(index);
            return f != null ? f : CompletableFuture.failedFuture(new IllegalStateException("the clip was closed"));
        }
        if (index < 0 || index >= frameCount) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "frame " + index + " is outside the clip's " + frameCount + " frames"));
        }
        List<Long> wanted = new ArrayList<>();
        for (int i = 0; i <= lookahead; i++) {
            long n = index + (long) i * (direction < 0 ? -1 : 1);
            if (n >= 0 && n < frameCount) {
                wanted.add(n);
            }
        }
        for (Long stale : queue) {
            if (!wanted.contains(stale)) {
                CompletableFuture<StillImage> f = pictures.remove(stale);
                if (f != null) {
                    f.cancel(false);
                }
            }
        }
        List<Long> next = new ArrayList<>();
        for (Long n : wanted) {
            CompletableFuture<StillImage> f = pictures.get(n);
            if (f == null || f.isCompletedExceptionally()) {
                pictures.put(n, new CompletableFuture<>());
                next.add(n);
            } else if (queue.contains(n)) {
                next.add(n);
            }
        }
        queue = next;
        notifyAll();
        return pictures.get(index);
    }

    public synchronized boolean holds(long index) {
        CompletableFuture<StillImage> f = pictures.get(index);
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    /** How many stills wait to be decoded (at most the lookahead and the asked frame). */
    public synchronized int queued() {
        return queue.size();
    }

    private void work() {
        try {
            while (true) {
                long index;
                CompletableFuture<StillImage> f;
                synchronized (this) {
                    while (queue.isEmpty() && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    index = queue.remove(0);
                    f = pictures.get(index);
                }
                if (f == null || f.isDone()) {
                    continue;
                }
                try {
                    f.complete(source.load(index));
                } catch (RuntimeException | Error e) {
                    f.completeExceptionally(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // The decoder is closed here, never under a decode that is still running.
            source.close();
        }
    }

    /** Stops fetching; stills not yet decoded are cancelled, the decoder closes once it is idle. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            pictures.values().forEach(f -> f.cancel(false));
            notifyAll();
        }
    }
}
