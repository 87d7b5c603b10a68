package io.framewise.server.media;

import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.media.still.Stills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Frame-exact stills of library items, cached on disk under {@code <data>/media/<id>/stills/} by
 * frame, width and format (a still never changes, so the cache is never invalidated, only deleted
 * with its item).
 *
 * <p>Decoding is the expensive part: opening a {@link FrameReader} reads headers and primes a
 * decoder, and a reader that stays open serves the next frames of a stepping reviewer from its cache.
 * So open readers are pooled per media item in a small LRU; a reader is used by one request at a time
 * (its methods are synchronized), and one that is evicted while a request uses it is closed when
 * that request hands it back.
 */
public final class FrameStills implements AutoCloseable {

    private final MediaFiles files;
    private final int maxOpen;
    private final LinkedHashMap<String, Entry> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    private static final class Entry {
        final FrameReader reader;
        int users;
        boolean evicted;

        Entry(FrameReader reader) {
            this.reader = reader;
        }
    }

    /** @param maxOpen how many readers stay open at most (each holds a decoder and its frame cache) */
    public FrameStills(MediaFiles files, int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1, was " + maxOpen);
        }
        this.files = files;
        this.maxOpen = maxOpen;
    }

    /** The cache file of frame {@code index} at {@code width} (0 = full size) in {@code format}. */
    public Path cacheFile(String mediaId, int index, int width, StillFormat format) {
        String name = String.format(
                Locale.ROOT, "%d-%s.%s", index, width == 0 ? "full" : Integer.toString(width), format.extension());
        return files.file(mediaId, MediaFiles.STILLS).resolve(name);
    }

    /**
     * The still of frame {@code index} of a ready item, decoded and cached on first use.
     *
     * @param width 0 for the full shown size
     */
    public Path still(MediaItem item, int index, int width, StillFormat format) throws IOException {
        Path cached = cacheFile(item.id(), index, width, format);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Entry entry = acquire(item);
        try {
            Picture picture = width == 0 ? entry.reader.read(index) : entry.reader.read(index, width);
            Stills.write(cached, StillEncoder.encode(picture, format, StillEncoder.DEFAULT_QUALITY));
            return cached;
        } finally {
            release(entry);
        }
    }

    private Entry acquire(MediaItem item) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the still service is closed");
            }
            Entry e = open.get(item.id());
            if (e != null) {
                e.users++;
                return e;
            }
        }
        // Opened outside the lock: a slow open of one item must not hold up stills of the others.
        Path original = files.resolve(item.storedPath());
        FrameMap map = FrameMap.fromBytes(Files.readAllBytes(files.resolve(item.frameMapPath())));
        FrameReader reader = FrameReader.open(original, map);
        List<Entry> toClose = new ArrayList<>();
        Entry mine;
        synchronized (this) {
            Entry raced = open.get(item.id());
            if (raced != null || closed) {
                toClose.add(new Entry(reader));
                if (closed) {
                    closeAll(toClose);
                    throw new IllegalStateException("the still service is closed");
                }
                raced.users++;
                mine = raced;
            } else {
                mine = new Entry(reader);
                mine.users = 1;
                open.put(item.id(), mine);
                Iterator<Map.Entry<String, Entry>> it = open.entrySet().iterator();
                while (open.size() > maxOpen && it.hasNext()) {
                    Entry old = it.next().getValue();
                    if (old != mine) {
                        it.remove();
                        retire(old, toClose);
                    }
                }
            }
        }
        closeAll(toClose);
        return mine;
    }

    private void release(Entry entry) {
        boolean close;
        synchronized (this) {
            entry.users--;
            close = entry.evicted && entry.users == 0;
        }
        if (close) {
            entry.reader.close();
        }
    }

    /** Closes the item's reader (now, or when its current request finishes); call when it is deleted. */
    public void evict(String mediaId) {
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            Entry e = open.remove(mediaId);
            if (e != null) {
                retire(e, toClose);
            }
        }
        closeAll(toClose);
    }

    /** How many readers are open (for tests and metrics). */
    public synchronized int openReaders() {
        return open.size();
    }

    private static void retire(Entry e, List<Entry> toClose) {
        e.evicted = true;
        if (e.users == 0) {
            toClose.add(e);
        }
    }

    private static void closeAll(List<Entry> entries) {
        for (Entry e : entries) {
            e.reader.close();
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
