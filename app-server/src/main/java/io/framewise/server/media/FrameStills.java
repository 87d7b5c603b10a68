package io.framewise.server.media;

import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.server.crypto.SealedMedia;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Frame-exact stills of library items, cached on disk under {@code <data>/media/<id>/stills/} by
 * frame, width and format. A still never changes, so a cached one is never made again while it is
 * kept; the cache is bounded by bytes ({@link StillsCache}: least recently used stills go first, and
 * are made again when asked for), and an item's stills are deleted with it.
 *
 * <p>Decoding is the expensive part: opening a {@link FrameReader} reads headers and primes a
 * decoder, and a reader that stays open serves the next frames of a stepping reviewer from its cache.
 * So open readers are pooled per media item in a small LRU; a reader is used by one request at a time
 * (its methods are synchronized), and one that is evicted while a request uses it is closed when
 * that request hands it back. Requests for the same still while it is being made wait for that one
 * instead of decoding it again.
 *
 * <p>Stills of the seek proxy (ADR 0051) come from their own pooled reader per item and are not kept
 * on disk: one keyframe decodes in a few milliseconds, less than writing and syncing a file would
 * take, and the browser keeps them (they never change either).
 *
 * <p>Readers hold decoded pictures in native memory, so the pool is bounded by bytes as well as by
 * count: least recently used idle readers are closed while the readers' memory together passes the
 * budget. Stills a stepping or playing viewer will want next are prepared in the background ({@link
 * StillPrefetch}, ADR 0054).
 */
public final class FrameStills implements AutoCloseable, StillPrefetch.Worker {

    /**
     * The default memory budget of all open readers together, in bytes: room for a few 4K decoders
     * and their kept pictures beside a 512 MB heap (system property {@code framewise.readerMemory}).
     */
    public static final long DEFAULT_READER_MEMORY = Long.getLong("framewise.readerMemory", 640L << 20);

    /**
     * Whether stills are prepared ahead of viewers (system property {@code framewise.stillPrefetch},
     * default true); off only to measure what it brings.
     */
    private static final boolean PREFETCH = Boolean.parseBoolean(System.getProperty("framewise.stillPrefetch", "true"));

    /** Stills made ahead of a stepping viewer, in its direction. */
    static final int STEP_AHEAD = 12;

    /** Frames kept behind a playing viewer's playhead besides the second ahead of it. */
    private static final int PLAY_BEHIND = 4;

    private final MediaFiles files;
    private final int maxOpen;
    private final long readerMemory;
    private final FrameReader.Options readerOptions;
    private final StillPrefetch prefetch;
    private final StillsCache cache;
    private final LinkedHashMap<String, Entry> open = new LinkedHashMap<>(16, 0.75f, true);
    private final ConcurrentHashMap<Path, CompletableFuture<Void>> making = new ConcurrentHashMap<>();
    private boolean closed;
    private final AtomicInteger liveReaders = new AtomicInteger();

    /** The seek proxy's reader: no frames kept for stepping back, one thread (no frame-thread delay). */
    private static final FrameReader.Options SEEK_READER = new FrameReader.Options(16L << 20, 0, 1);

    /** The key of an item's seek proxy reader in the pool; ids never hold this character. */
    private static String seekKey(String mediaId) {
        return mediaId + "#seek";
    }

    private static final class Entry {
        final FrameReader reader;
        int users;
        boolean evicted;

        Entry(FrameReader reader) {
            this.reader = reader;
        }
    }

    /**
     * @param maxOpen how many readers stay open at most (each holds a decoder and its frame cache)
     * @param cacheBytes the most disk the cached stills may take together
     */
    public FrameStills(MediaFiles files, int maxOpen, long cacheBytes) {
        this(files, maxOpen, cacheBytes, DEFAULT_READER_MEMORY);
    }

    /**
     * @param readerMemory the most memory the open readers may hold together, about (decoders and
     *     their decoded pictures); the reader in use is never closed for it
     */
    public FrameStills(MediaFiles files, int maxOpen, long cacheBytes, long readerMemory) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1, was " + maxOpen);
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cacheBytes must not be negative, was " + cacheBytes);
        }
        if (readerMemory < 1) {
            throw new IllegalArgumentException("readerMemory must be positive, was " + readerMemory);
        }
        this.files = files;
        this.maxOpen = maxOpen;
        this.readerMemory = readerMemory;
        // One reader may keep a quarter of the budget in decoded pictures (a step back's window).
        this.readerOptions = new FrameReader.Options(
                Math.min(FrameReader.Options.DEFAULT.cacheBytes(), readerMemory / 4),
                FrameReader.Options.DEFAULT.stepBackFrames(),
                FrameReader.Options.DEFAULT.threads());
        this.prefetch = new StillPrefetch(
                this, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        this.cache = new StillsCache(files.dataDir().resolve("media"), cacheBytes);
        cache.load();
    }

    /** The cache file of frame {@code index} at {@code width} (0 = full size) in {@code format}. */
    public Path cacheFile(String mediaId, int index, int width, StillFormat format) {
        String name = String.format(
                Locale.ROOT, "%d-%s.%s", index, width == 0 ? "full" : Integer.toString(width), format.extension());
        return files.file(mediaId, MediaFiles.STILLS).resolve(name);
    }

    /**
     * The still of frame {@code index} of a ready item, decoded and cached on first use, pinned until
     * the caller closes the pin (it is not evicted while served).
     *
     * @param width 0 for the full shown size; a width past it gives the full size too
     */
    StillsCache.Pin still(MediaItem item, int index, int width, StillFormat format) throws IOException {
        Path file = cacheFile(item.id(), index, width, format);
        while (true) {
            StillsCache.Pin cached = cache.pinIfPresent(file);
            if (cached != null) {
                return cached;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = making.putIfAbsent(file, mine);
            if (other != null) {
                // Someone makes this still right now: take theirs (or, if theirs failed, try again).
                other.handle((ok, failed) -> null).join();
                continue;
            }
            try {
                cached = cache.pinIfPresent(file);
                return cached != null ? cached : make(item, index, width, format, file);
            } finally {
                making.remove(file, mine);
                mine.complete(null);
            }
        }
    }

    /**
     * The encoded still of frame {@code index} of a ready item at {@code width} (0 or past the shown
     * width: the shown width), through the same cache as the frames route, for documents that embed
     * stills (the PDF review report).
     */
    public byte[] stillBytes(MediaItem item, long index, int width, StillFormat format) throws IOException {
        int shown = item.probe() == null ? 0 : item.probe().width();
        try (StillsCache.Pin pin = still(item, Math.toIntExact(index), MediaRoutes.servedWidth(width, shown), format)) {
            return SealedMedia.readAllBytes(pin.file());
        }
    }

    /**
     * The encoded still of frame {@code index} of the item's seek proxy at {@code width} (0 or past
     * the seek proxy's width: its own width), with the width served. The caller checked that the
     * item has a ready seek proxy.
     */
    SeekStill seekStill(MediaItem item, int index, int width, StillFormat format) throws IOException {
        Entry entry = acquire(
                seekKey(item.id()),
                () -> FrameReader.open(
                        files.local(item.id(), MediaFiles.SEEK_PROXY),
                        FrameMap.fromBytes(
                                SealedMedia.readAllBytes(files.local(item.id(), MediaFiles.SEEK_PROXY_FRAME_MAP))),
                        SEEK_READER));
        try {
            Picture picture = width == 0 ? entry.reader.read(index) : entry.reader.read(index, width);
            return new SeekStill(StillEncoder.encode(picture, format, StillEncoder.DEFAULT_QUALITY), picture.width());
        } finally {
            release(entry);
        }
    }

    /** An encoded seek proxy still and its width in pixels. */
    record SeekStill(byte[] bytes, int width) {}

    /** Opens a reader; may be slow, so it runs outside the pool's lock. */
    @FunctionalInterface
    private interface Opener {
        FrameReader open() throws IOException;
    }

    private StillsCache.Pin make(MediaItem item, int index, int width, StillFormat format, Path file)
            throws IOException {
        Entry entry = acquireOriginal(item);
        byte[] bytes;
        try {
            Picture picture = width == 0 ? entry.reader.read(index) : entry.reader.read(index, width);
            bytes = StillEncoder.encode(picture, format, StillEncoder.DEFAULT_QUALITY);
        } finally {
            release(entry);
        }
        SealedMedia.write(file, bytes);
        return cache.added(file, bytes.length);
    }

    private Entry acquireOriginal(MediaItem item) throws IOException {
        return acquireOriginal(item, true);
    }

    /** The item's reader of its original; null when {@code wait} is false and there is no room now. */
    private Entry acquireOriginal(MediaItem item, boolean wait) throws IOException {
        return acquire(item.id(), estimate(item), wait, () -> {
            Path original = files.resolve(item.storedPath());
            FrameMap map = FrameMap.fromBytes(
                    io.framewise.server.crypto.SealedMedia.readAllBytes(files.resolve(item.frameMapPath())));
            return FrameReader.open(original, map, readerOptions);
        });
    }

    /**
     * About the memory a reader of the item's original may take: its decoder's pictures (8-bit
     * 4:2:0, see {@link FrameReader#memoryBytes()}) and all it may keep.
     */
    private long estimate(MediaItem item) {
        if (item.probe() == null) {
            return 0;
        }
        long picture = (long) item.probe().width() * item.probe().height() * 3 / 2;
        return picture * (8 + readerOptions.threads()) + readerOptions.cacheBytes();
    }

    /**
     * A viewer was served frame {@code index} of a ready item at {@code width} (as made: 0 for the full
     * size) in {@code format}; when it steps, the next stills its way are made in the background.
     */
    void viewed(MediaItem item, int index, int width, StillFormat format) {
        if (!PREFETCH) {
            return;
        }
        prefetch.viewed(item, index, width, format);
    }

    /** A viewer plays a ready item at frame {@code index}: its reader decodes about a second ahead. */
    void playing(MediaItem item, int index) {
        if (!PREFETCH) {
            return;
        }
        prefetch.playing(item, index);
    }

    @Override
    public StillPrefetch.Ahead stepAhead(StillPrefetch.Viewer plan, BooleanSupplier superseded) throws IOException {
        long count = plan.item.probe() == null ? 0 : plan.item.probe().frameCount();
        int target = -1;
        for (int k = 1; k <= STEP_AHEAD; k++) {
            long f = plan.last + (long) plan.direction * k;
            if (f < 0 || f >= count) {
                break;
            }
            Path file = cacheFile(plan.item.id(), (int) f, plan.width, plan.format);
            if (!cache.contains(file) && !making.containsKey(file)) {
                target = (int) f;
                break;
            }
        }
        if (target < 0 || superseded.getAsBoolean()) {
            return StillPrefetch.Ahead.DONE;
        }
        Entry entry = acquireOriginal(plan.item, false);
        if (entry == null) {
            return StillPrefetch.Ahead.DONE; // no room: the viewer's own requests come first
        }
        try {
            FrameReader reader = entry.reader;
            // Forward the frames up to the target pass by anyway; backward, a missing frame means the
            // GOP before: decode it whole now, keeping the step-back window, while the viewer is busy.
            int keep = plan.direction > 0 ? STEP_AHEAD : reader.stepBackFrames();
            if (!reader.prefetch(target, keep, superseded)) {
                return StillPrefetch.Ahead.YIELDED;
            }
            return makeKept(entry, plan.item.id(), target, plan.width, plan.format)
                    ? StillPrefetch.Ahead.MORE
                    : StillPrefetch.Ahead.DONE;
        } finally {
            release(entry);
        }
    }

    @Override
    public StillPrefetch.Ahead playAhead(StillPrefetch.Viewer plan, BooleanSupplier superseded) throws IOException {
        long count = plan.item.probe() == null ? 0 : plan.item.probe().frameCount();
        if (plan.playAt >= count) {
            return StillPrefetch.Ahead.DONE;
        }
        Entry entry = acquireOriginal(plan.item, false);
        if (entry == null) {
            return StillPrefetch.Ahead.DONE;
        }
        try {
            FrameReader reader = entry.reader;
            double fps = reader.frameMap().frameRate().numerator()
                    / (double) Math.max(1, reader.frameMap().frameRate().denominator());
            int ahead = (int) Math.min(Math.ceil(fps), Math.max(1, reader.stepBackFrames() - PLAY_BEHIND));
            long last = Math.min(count - 1, (long) plan.playAt + ahead);
            boolean done = reader.prefetch(last, (int) (last - plan.playAt) + PLAY_BEHIND, superseded);
            return done ? StillPrefetch.Ahead.DONE : StillPrefetch.Ahead.YIELDED;
        } finally {
            release(entry);
        }
    }

    /** Encodes a prefetched frame into the stills cache; false when the reader no longer keeps it. */
    private boolean makeKept(Entry entry, String mediaId, int index, int width, StillFormat format) throws IOException {
        Path file = cacheFile(mediaId, index, width, format);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (making.putIfAbsent(file, mine) != null) {
            return true; // a request makes it right now
        }
        try {
            if (cache.contains(file)) {
                return true;
            }
            Picture picture = entry.reader.readKept(index, width);
            if (picture == null) {
                return false;
            }
            byte[] bytes = StillEncoder.encode(picture, format, StillEncoder.DEFAULT_QUALITY);
            SealedMedia.write(file, bytes);
            cache.added(file, bytes.length).close();
            return true;
        } finally {
            making.remove(file, mine);
            mine.complete(null);
        }
    }

    private Entry acquire(String key, Opener opener) throws IOException {
        return acquire(key, 0, true, opener);
    }

    /**
     * The pooled reader for {@code key}, opened when there is none. Opening one that needs about
     * {@code needs} bytes first makes room within the memory budget: idle readers drop their kept
     * pictures, then close, least recently used first; when all the others are busy, a request
     * ({@code wait}) waits for one to be handed back, and background work gets null instead.
     */
    private Entry acquire(String key, long needs, boolean wait, Opener opener) throws IOException {
        List<Entry> toClose = new ArrayList<>();
        while (true) {
            boolean room;
            try {
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("the still service is closed");
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
                    throw new IllegalStateException("the still service is closed");
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

    private void release(Entry entry) {
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

    /** Whether the still is in the cache now (for tests: what the background made). */
    boolean hasStill(String mediaId, int index, int width, StillFormat format) {
        return cache.contains(cacheFile(mediaId, index, width, format));
    }

    /** Whether the item's open reader keeps frame {@code index} decoded (for tests). */
    boolean keepsDecoded(String mediaId, int index) {
        Entry e;
        synchronized (this) {
            e = open.get(mediaId);
            if (e == null) {
                return false;
            }
            e.users++;
        }
        try {
            return e.reader.isKept(index);
        } finally {
            release(e);
        }
    }

    /** About how much memory the open readers hold together (for tests and metrics). */
    public synchronized long readerBytes() {
        return open.values().stream().mapToLong(e -> e.reader.memoryBytes()).sum();
    }

    /** The budget of {@link #readerBytes()}. */
    public long readerMemoryBudget() {
        return readerMemory;
    }

    /**
     * Closes the item's reader (now, or when its current request finishes) and forgets its cached
     * stills; call when it is deleted (its folder, stills included, is deleted by the caller).
     */
    public void evict(String mediaId) {
        prefetch.forget(mediaId);
        cache.forget(mediaId);
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            for (String key : List.of(mediaId, seekKey(mediaId))) {
                Entry e = open.remove(key);
                if (e != null) {
                    retire(e, toClose);
                }
            }
        }
        closeAll(toClose);
    }

    /** How many readers are open (for tests and metrics). */
    public synchronized int openReaders() {
        return open.size();
    }

    /**
     * How many readers hold a decoder right now, pooled or evicted while still serving: what a burst
     * of abandoned requests would leak if a reader were not closed after its last request.
     */
    public int liveReaders() {
        return liveReaders.get();
    }

    /** How many background jobs prepare stills ahead of viewers right now, running or queued. */
    public int prefetchJobs() {
        return prefetch.jobs();
    }

    /** How many requests are using a pooled reader right now. */
    public synchronized int busyReaders() {
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
        prefetch.close();
        synchronized (this) {
            closed = true;
            open.values().forEach(e -> retire(e, toClose));
            open.clear();
        }
        closeAll(toClose);
    }
}
