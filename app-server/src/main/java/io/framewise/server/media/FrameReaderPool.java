package io.framewise.server.media;

import io.framewise.media.still.FrameReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Open {@link FrameReader}s by key (an item's original, or its seek proxy) in a small LRU bounded by
 * count and by the memory their decoders and kept pictures hold. A reader serves one request at a
 * time (its methods are synchronized); one evicted while a request uses it is closed when that
 * request hands it back, so an abandoned burst never leaks a decoder ({@link #liveReaders()}).
 */
final class FrameReaderPool implements AutoCloseable {

    /** Opens a reader; may be slow, so it runs outside the pool's lock. */
    @FunctionalInterface
    interface Opener {
        FrameReader open() throws IOException;
    }

    /** A reader taken from the pool; hand it back with {@link #release}. */
    static final class Entry {
        final FrameReader reader;
        int users;
        boolean evicted;

        Entry(FrameReader reader) {
            this.reader = reader;
        }
    }

    private final int maxOpen;
    private final long readerMemory;
    private final LinkedHashMap<String, Entry> open = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicInteger liveReaders = new AtomicInteger();
    private boolean closed;

    /**
     * @param maxOpen how many readers stay open at most
     * @param readerMemory the most memory the open readers may hold together, about; the reader in
     *     use is never closed for it
     */
    FrameReaderPool(int maxOpen, long readerMemory) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1, was " + maxOpen);
        }
        if (readerMemory < 1) {
            throw new IllegalArgumentException("readerMemory must be positive, was " + readerMemory);
        }
        this.maxOpen = maxOpen;
        this.readerMemory = readerMemory;
    }

    long memoryBudget() {
        return readerMemory;
    }

    Entry acquire(String key, Opener opener) throws IOException {
        return acquire(key, 0, true, opener);
    }

    /**
     * The pooled reader for {@code key}, opened when there is none. Opening one that needs about
     * {@code needs} bytes first makes room within the memory budget: idle readers drop their kept
     * pictures, then close, least recently used first; when all the others are busy, a request
     * ({@code wait}) waits for one to be handed back, and background work gets null instead.
     */
    Entry acquire(String key, long needs, boolean wait, Opener opener) throws IOException {
        List<Entry> toClose = new ArrayList<>();
        while (true) {
            boolean room;
            try {
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("the frame reader pool is closed");
                    }
                    Entry e = open.get(key);
                    if (e != null) {
                        e.users++;
                        return e;
                    }
                    long total = needs;
                    for (Entry o : open.values()) {
                        total += o.reader.memoryBytes();
                    }
                    Iterator<Entry> it = open.values().iterator();
                    while (needs > 0 && total > readerMemory && it.hasNext()) {
                        Entry o = it.next();
                        if (o.users == 0) {
                            total -= o.reader.memoryBytes();
                            it.remove();
                            retire(o, toClose);
                        }
                    }
                    room = needs <= 0 || total <= readerMemory || open.isEmpty();
                    if (!room && !wait) {
                        return null;
                    }
                    if (!room && toClose.isEmpty()) {
                        // Every other reader is busy: wait for one to be handed back.
                        wait(1000);
                    }
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a frame reader", interrupted);
            } finally {
                closeAll(toClose);
                toClose.clear();
            }
            if (room) {
                break;
            }
        }
        // Opened outside the lock: a slow open of one item must not hold up stills of the others.
        FrameReader reader = opener.open();
        liveReaders.incrementAndGet();
        List<Entry> toDrop = new ArrayList<>();
        Entry mine;
        synchronized (this) {
            Entry raced = open.get(key);
            if (raced != null || closed) {
                toClose.add(new Entry(reader));
                if (closed) {
                    closeAll(toClose);
                    throw new IllegalStateException("the frame reader pool is closed");
                }
                raced.users++;
                mine = raced;
            } else {
                mine = new Entry(reader);
                mine.users = 1;
                open.put(key, mine);
                Iterator<Map.Entry<String, Entry>> it = open.entrySet().iterator();
                while (open.size() > maxOpen && it.hasNext()) {
                    Entry old = it.next().getValue();
                    if (old != mine) {
                        it.remove();
                        retire(old, toClose);
                    }
                }
                closeOverBudget(toClose, toDrop);
            }
        }
        closeAll(toClose);
        dropKept(toDrop);
        return mine;
    }

    void release(Entry entry) {
        boolean close;
        List<Entry> toClose = new ArrayList<>();
        List<Entry> toDrop = new ArrayList<>();
        synchronized (this) {
            entry.users--;
            close = entry.evicted && entry.users == 0;
            closeOverBudget(toClose, toDrop);
            notifyAll();
        }
        if (close) {
            entry.reader.close();
            liveReaders.decrementAndGet();
        }
        closeAll(toClose);
        dropKept(toDrop);
    }

    /**
     * Drops the kept pictures of idle readers, outside the pool's lock: a request that took one of
     * them meanwhile finishes its read first, and its reader decodes again.
     */
    private static void dropKept(List<Entry> entries) {
        for (Entry e : entries) {
            try {
                e.reader.dropKept();
            } catch (RuntimeException closedMeanwhile) {
                // Closed by an eviction in between: its pictures went with it.
            }
        }
    }

    /**
     * Retires least recently used idle readers while the open readers' memory passes the budget; the
     * most recently used one always stays. Caller holds the lock.
     */
    private void closeOverBudget(List<Entry> toClose, List<Entry> toDrop) {
        long total = 0;
        for (Entry e : open.values()) {
            total += e.reader.memoryBytes();
        }
        // Dropping kept pictures would not free them: their buffers stay in the decoder's pool until
        // it closes. So least recently used idle readers close.
        Iterator<Entry> it = open.values().iterator();
        while (total > readerMemory && open.size() > 1 && it.hasNext()) {
            Entry e = it.next();
            if (e.users > 0 || !it.hasNext()) {
                continue;
            }
            total -= e.reader.memoryBytes();
            it.remove();
            retire(e, toClose);
        }
    }

    /** Whether the reader under {@code key}, if open, passes {@code test} (taken for the call). */
    boolean test(String key, Predicate<FrameReader> test) {
        Entry e;
        synchronized (this) {
            e = open.get(key);
            if (e == null) {
                return false;
            }
            e.users++;
        }
        try {
            return test.test(e.reader);
        } finally {
            release(e);
        }
    }

    /** About how much memory the open readers hold together. */
    synchronized long readerBytes() {
        return open.values().stream().mapToLong(e -> e.reader.memoryBytes()).sum();
    }

    /** Closes the readers under {@code keys} now, or when their current requests finish. */
    void evict(List<String> keys) {
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            for (String key : keys) {
                Entry e = open.remove(key);
                if (e != null) {
                    retire(e, toClose);
                }
            }
        }
        closeAll(toClose);
    }

    synchronized int openReaders() {
        return open.size();
    }

    /** Readers holding a decoder right now, pooled or evicted while still serving. */
    int liveReaders() {
        return liveReaders.get();
    }

    /** How many requests are using a pooled reader right now. */
    synchronized int busyReaders() {
        return open.values().stream().mapToInt(e -> e.users).sum();
    }

    private static void retire(Entry e, List<Entry> toClose) {
        e.evicted = true;
        if (e.users == 0) {
            toClose.add(e);
        }
    }

    private void closeAll(List<Entry> entries) {
        for (Entry e : entries) {
            e.reader.close();
            liveReaders.decrementAndGet();
        }
    }

    @Override
    public void close() {
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            open.values().forEach(e -> retire(e, toClose));
            open.clear();
        }
        closeAll(toClose);
    }
}
