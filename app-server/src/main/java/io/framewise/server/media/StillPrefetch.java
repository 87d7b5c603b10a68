package io.framewise.server.media;

import io.framewise.media.still.StillFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work done for a viewer while it looks at the current frame (ADR 0054). The server does not know a
 * viewer's keys, only its requests: successive stills of the same item one frame apart tell which way
 * it steps, so the next stills that way are decoded and encoded into the stills cache before they are
 * asked for (stepping back, the previous GOP is decoded while the viewer is still in this one). A
 * {@code prefetch=play} hint says the viewer plays at a frame: the reader then decodes about a second
 * ahead of it and keeps the pictures, so the still asked for on pause is only an encode away.
 *
 * <p>One job at most per item, and it gives way: it stops within one decoded picture when a request
 * needs the reader (the request's end starts it again), and a newer request or hint supersedes its
 * plan (a jump or a turn round drops it). Background threads run at the lowest priority.
 */
final class StillPrefetch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StillPrefetch.class);

    /** What one background step did. */
    enum Ahead {
        /** Made one still or decoded a stretch; there may be more to do. */
        MORE,
        /** Nothing left to do for this plan. */
        DONE,
        /** Stopped early: a request needs the reader, or a newer plan came. */
        YIELDED
    }

    /** Does the work; {@link FrameStills} holds the readers and the cache. */
    interface Worker {
        Ahead stepAhead(Viewer plan, BooleanSupplier superseded) throws Exception;

        Ahead playAhead(Viewer plan, BooleanSupplier superseded) throws Exception;
    }

    /** What one item's viewer did last and so what to do ahead of it; fields guarded by the object. */
    static final class Viewer {
        MediaItem item;
        int last = -1;
        /** +1 stepping forward, -1 stepping back, 0 neither (a jump). */
        int direction;

        int width;
        StillFormat format;
        /** The frame of the latest play hint, or -1 when the viewer is not playing. */
        int playAt = -1;

        volatile long generation;
        boolean running;

        synchronized Viewer copy() {
            Viewer c = new Viewer();
            c.item = item;
            c.last = last;
            c.direction = direction;
            c.width = width;
            c.format = format;
            c.playAt = playAt;
            c.generation = generation;
            return c;
        }
    }

    private final Worker worker;
    private final ExecutorService threads;
    private final ConcurrentHashMap<String, Viewer> viewers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StillPrefetch(Worker worker, int threadCount) {
        this.worker = worker;
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "still-prefetch");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /**
     * A viewer was served frame {@code index} at {@code width} (0: full size) in {@code format}: one
     * frame after the last it asked steps forward, one before steps back, anything else is a jump.
     */
    void viewed(MediaItem item, int index, int width, StillFormat format) {
        Viewer v = viewers.computeIfAbsent(item.id(), k -> new Viewer());
        synchronized (v) {
            int direction = 0;
            if (v.last >= 0 && width == v.width && format == v.format) {
                if (index == v.last + 1) {
                    direction = 1;
                } else if (index == v.last - 1) {
                    direction = -1;
                } else if (index == v.last) {
                    direction = v.direction;
                }
            }
            if (index == v.last && direction == v.direction && v.playAt < 0) {
                return; // the same still again: the plan stands
            }
            v.item = item;
            v.last = index;
            v.width = width;
            v.format = format;
            v.direction = direction;
            v.playAt = -1;
            v.generation++;
        }
        kick(v);
    }

    /** A viewer plays at frame {@code index}: decode ahead of it, superseding any older plan. */
    void playing(MediaItem item, int index) {
        Viewer v = viewers.computeIfAbsent(item.id(), k -> new Viewer());
        synchronized (v) {
            v.item = item;
            v.last = -1;
            v.direction = 0;
            v.playAt = index;
            v.generation++;
        }
        kick(v);
    }

    /** Forgets a deleted item's viewer; a running job finds its reader gone and stops. */
    void forget(String mediaId) {
        Viewer v = viewers.remove(mediaId);
        if (v != null) {
            synchronized (v) {
                v.direction = 0;
                v.playAt = -1;
                v.generation++;
            }
        }
    }

    /** How many background jobs are running or queued (for tests: work settles to none). */
    int jobs() {
        int n = 0;
        for (Viewer v : viewers.values()) {
            synchronized (v) {
                n += v.running ? 1 : 0;
            }
        }
        return n;
    }

    private void kick(Viewer v) {
        synchronized (v) {
            if (v.running || closed || (v.direction == 0 && v.playAt < 0)) {
                return;
            }
            v.running = true;
        }
        try {
            threads.execute(() -> run(v));
        } catch (RejectedExecutionException e) {
            synchronized (v) {
                v.running = false;
            }
        }
    }

    private void run(Viewer v) {
        try {
            while (!closed) {
                Viewer plan = v.copy();
                long generation = plan.generation;
                BooleanSupplier superseded = () -> closed || v.generation != generation;
                Ahead did = Ahead.DONE;
                if (plan.playAt >= 0) {
                    did = worker.playAhead(plan, superseded);
                } else if (plan.direction != 0) {
                    did = worker.stepAhead(plan, superseded);
                }
                synchronized (v) {
                    // A newer plan always runs: its request may have seen this job still running.
                    if (did != Ahead.MORE && v.generation == generation) {
                        v.running = false;
                        return;
                    }
                }
            }
        } catch (Exception | Error e) {
            // Background work only: the request that needs the frame will make it and report any error.
            LOG.debug("Prefetching stills stopped: {}", e.toString());
        }
        synchronized (v) {
            v.running = false;
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.shutdown();
    }
}
