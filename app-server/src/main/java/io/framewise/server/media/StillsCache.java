package io.framewise.server.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of the still files under {@code <data>/media/<id>/stills/}: which exist, how large
 * they are, and in which order they were last used, within a byte budget. Past the budget the least
 * recently used stills are deleted; they are made again when asked for.
 *
 * <p>A still being served is pinned and never deleted under the request; once it is let go, the
 * budget is enforced again. The order survives a restart: every use sets the file's access time, and
 * {@link #load} reads the folder back oldest access first (then trims to the budget, which may have
 * shrunk). Files are deleted under the lock, so a still being made again cannot be hit by the
 * deletion of its evicted predecessor.
 */
final class StillsCache {

    private static final Logger LOG = LoggerFactory.getLogger(StillsCache.class);

    private final Path mediaRoot;
    private final long budget;
    private final LinkedHashMap<Path, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long total;

    /** A still the caller may serve until it closes the pin. */
    static final class Pin implements AutoCloseable {
        private final StillsCache cache;
        private final Entry entry;
        private boolean closed;

        private Pin(StillsCache cache, Entry entry) {
            this.cache = cache;
            this.entry = entry;
        }

        Path file() {
            return entry.file;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                cache.release(entry);
            }
        }
    }

    private static final class Entry {
        final Path file;
        final long size;
        int pins;

        Entry(Path file, long size) {
            this.file = file;
            this.size = size;
        }
    }

    /**
     * @param mediaRoot {@code <data>/media}
     * @param budget the most bytes the stills may take together
     */
    StillsCache(Path mediaRoot, long budget) {
        this.mediaRoot = mediaRoot;
        this.budget = budget;
    }

    long budget() {
        return budget;
    }

    /** What the known stills take together. */
    synchronized long totalBytes() {
        return total;
    }

    synchronized int size() {
        return entries.size();
    }

    /**
     * Reads the stills already on disk (a previous run's), least recently used first, and deletes the
     * oldest while they exceed the budget. Temporary files of interrupted writes are left to the
     * leftover sweep.
     */
    void load() {
        List<Found> found = new ArrayList<>();
        if (Files.isDirectory(mediaRoot)) {
            try (Stream<Path> items = Files.list(mediaRoot)) {
                for (Path item : (Iterable<Path>) items::iterator) {
                    collect(item.resolve(MediaFiles.STILLS), found);
                }
            } catch (IOException e) {
                LOG.warn("Could not list {} for cached stills: {}", mediaRoot, e.toString());
            }
        }
        found.sort(Comparator.comparing(Found::used));
        synchronized (this) {
            for (Found f : found) {
                if (!entries.containsKey(f.file())) {
                    entries.put(f.file(), new Entry(f.file(), f.size()));
                    total += f.size();
                }
            }
            evictWhileOver();
        }
        LOG.info("Stills cache: {} stills, {} bytes of a {} byte budget", size(), totalBytes(), budget);
    }

    private record Found(Path file, long size, FileTime used) {}

    private static void collect(Path stills, List<Found> into) {
        if (!Files.isDirectory(stills)) {
            return;
        }
        try (Stream<Path> files = Files.list(stills)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        into.add(new Found(file, a.size(), a.lastAccessTime()));
                    }
                } catch (IOException e) {
                    // Deleted while we looked (the item went away): nothing to count.
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not list cached stills in {}: {}", stills, e.toString());
        }
    }

    /**
     * The still at {@code file} pinned and marked as just used, or null when it is not cached (or its
     * file was removed behind the cache's back, which it then forgets).
     */
    Pin pinIfPresent(Path file) {
        Entry e;
        synchronized (this) {
            e = entries.get(file);
            if (e == null) {
                return null;
            }
            e.pins++;
        }
        if (!touch(file)) {
            synchronized (this) {
                e.pins--;
                if (entries.remove(file, e)) {
                    total -= e.size;
                }
            }
            return null;
        }
        return new Pin(this, e);
    }

    /**
     * Records a still just written to {@code file} ({@code size} bytes), pinned for the request that
     * made it, and deletes least recently used ones until the cache is back within its budget.
     */
    Pin added(Path file, long size) {
        Entry e = new Entry(file, size);
        e.pins = 1;
        synchronized (this) {
            Entry old = entries.put(file, e);
            if (old != null) {
                total -= old.size;
            }
            total += size;
            evictWhileOver();
        }
        touch(file);
        return new Pin(this, e);
    }

    /** Whether the still at {@code file} is cached (without marking it used). */
    synchronized boolean contains(Path file) {
        return entries.containsKey(file);
    }

    /** Forgets the stills of a deleted item (its folder is deleted with them). */
    synchronized void forget(String mediaId) {
        Path dir = mediaRoot.resolve(mediaId);
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.file.startsWith(dir)) {
                it.remove();
                total -= e.size;
            }
        }
    }

    private synchronized void release(Entry e) {
        e.pins--;
        if (total > budget) {
            evictWhileOver();
        }
    }

    /** Deletes unpinned stills, least recently used first, while the total exceeds the budget. */
    private void evictWhileOver() {
        Iterator<Entry> it = entries.values().iterator();
        while (total > budget && it.hasNext()) {
            Entry e = it.next();
            if (e.pins > 0) {
                continue;
            }
            it.remove();
            total -= e.size;
            try {
                Files.deleteIfExists(e.file);
            } catch (NoSuchFileException gone) {
                // Deleted with its item meanwhile.
            } catch (IOException ex) {
                LOG.warn("Could not delete the cached still {}: {}", e.file, ex.toString());
            }
        }
    }

    /**
     * Sets the access time, which orders the stills again after a restart; false when the file is
     * gone.
     */
    private static boolean touch(Path file) {
        try {
            Files.getFileAttributeView(file, BasicFileAttributeView.class)
                    .setTimes(null, FileTime.from(Instant.now()), null);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            // Not allowed to set times (a read-only copy): the order on disk only matters for the next start.
            return Files.isRegularFile(file);
        }
    }
}
