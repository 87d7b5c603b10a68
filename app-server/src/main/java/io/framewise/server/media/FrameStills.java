package io.framewise.server.media;

import io.framewise.media.MediaSource;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.server.crypto.SealedMedia;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.storage.RangedObjectChannel;
import io.framewise.server.storage.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Frame-exact stills of library items, cached on disk under {@code <data>/media/<id>/stills/} by
 * frame, width and format. A still never changes, so a cached one is never made again while it is
 * kept; the cache is bounded by bytes ({@link StillsCache}: least recently used stills go first, and
 * are made again when asked for), and an item's stills are deleted with it.
 *
 * <p>Decoding is the expensive part: opening a {@link FrameReader} reads headers and primes a
 * decoder, and a reader that stays open serves the next frames of a stepping reviewer from its cache.
 * So open readers are pooled per media item ({@link FrameReaderPool}). Requests for the same still while it is being made wait for that one
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

    /**
     * From how many bytes an original that a node lacks (on S3) gives its first stills through ranged
     * GETs instead of waiting for the whole fetch: 32 MiB, from the measurements in ADR 0060's
     * addendum (system property {@code framewise.rangedStillBytes}; -1 turns it off).
     */
    public static final String RANGED_PROPERTY = "framewise.rangedStillBytes";

    static final long DEFAULT_RANGED_FROM = 32L << 20;

    /** Stills made ahead of a stepping viewer, in its direction. */
    static final int STEP_AHEAD = 12;

    /** Frames kept behind a playing viewer's playhead besides the second ahead of it. */
    private static final int PLAY_BEHIND = 4;

    private final MediaFiles files;
    private final FrameReader.Options readerOptions;
    private final StillPrefetch prefetch;
    private final StillsCache cache;
    private final FrameReaderPool readers;
    /** Originals this large or larger that the node lacks are read by ranged GETs first; -1: never. */
    private final long rangedFrom = Long.getLong(RANGED_PROPERTY, DEFAULT_RANGED_FROM);

    private final ConcurrentHashMap<Path, CompletableFuture<Void>> making = new ConcurrentHashMap<>();

    /** The seek proxy's reader: no frames kept for stepping back, one thread (no frame-thread delay). */
    private static final FrameReader.Options SEEK_READER = new FrameReader.Options(16L << 20, 0, 1);

    /** The key of an item's seek proxy reader in the pool; ids never hold this character. */
    private static String seekKey(String mediaId) {
        return mediaId + "#seek";
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
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cacheBytes must not be negative, was " + cacheBytes);
        }
        this.files = files;
        this.readers = new FrameReaderPool(maxOpen, readerMemory);
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
        FrameReaderPool.Entry entry = readers.acquire(
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
            readers.release(entry);
        }
    }

    /** An encoded seek proxy still and its width in pixels. */
    record SeekStill(byte[] bytes, int width) {}

    private StillsCache.Pin make(MediaItem item, int index, int width, StillFormat format, Path file)
            throws IOException {
        FrameReaderPool.Entry entry = acquireOriginal(item);
        byte[] bytes;
        try {
            Picture picture = width == 0 ? entry.reader.read(index) : entry.reader.read(index, width);
            bytes = StillEncoder.encode(picture, format, StillEncoder.DEFAULT_QUALITY);
        } finally {
            readers.release(entry);
        }
        SealedMedia.write(file, bytes);
        return cache.added(file, bytes.length);
    }

    private FrameReaderPool.Entry acquireOriginal(MediaItem item) throws IOException {
        return acquireOriginal(item, true);
    }

    /** The item's reader of its original; null when {@code wait} is false and there is no room now. */
    private FrameReaderPool.Entry acquireOriginal(MediaItem item, boolean wait) throws IOException {
        return readers.acquire(item.id(), estimate(item), wait, () -> {
            FrameMap map = FrameMap.fromBytes(SealedMedia.readAllBytes(files.resolve(item.frameMapPath())));
            Optional<StoredObject> cold = coldLargeOriginal(item);
            if (cold.isPresent()) {
                // ADR 0060: the first stills of a large original this node lacks come through ranged
                // GETs while the whole file is fetched; once it lands, the pooled reader is retired
                // and the next still opens the local copy, which is faster for every still after.
                Path local = files.path(item.storedPath());
                MediaStore store = files.store();
                StoredObject object = cold.get();
                store.localizeLater(local, () -> readers.evict(List.of(item.id())));
                return FrameReader.open(
                        MediaSource.channel(local, () -> new RangedObjectChannel(store, object, store.rangedReads())),
                        map,
                        readerOptions);
            }
            return FrameReader.open(files.resolve(item.storedPath()), map, readerOptions);
        });
    }

    /**
     * The stored original of an item when this node lacks it and it is at least {@link #rangedFrom}
     * bytes (on S3; a folder store is as near as the data folder). Sealed originals and image
     * sequences are always read from a local copy.
     */
    private Optional<StoredObject> coldLargeOriginal(MediaItem item) {
        if (rangedFrom < 0 || item.storedPath() == null || item.storedPath().endsWith(".imgseq")) {
            return Optional.empty();
        }
        Path local = files.path(item.storedPath());
        if (Files.exists(local) || SealedMedia.on(local)) {
            return Optional.empty();
        }
        return files.store().remote(local).filter(o -> o.size() >= rangedFrom);
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
        FrameReaderPool.Entry entry = acquireOriginal(plan.item, false);
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
            readers.release(entry);
        }
    }

    @Override
    public StillPrefetch.Ahead playAhead(StillPrefetch.Viewer plan, BooleanSupplier superseded) throws IOException {
        long count = plan.item.probe() == null ? 0 : plan.item.probe().frameCount();
        if (plan.playAt >= count) {
            return StillPrefetch.Ahead.DONE;
        }
        FrameReaderPool.Entry entry = acquireOriginal(plan.item, false);
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
            readers.release(entry);
        }
    }

    /** Encodes a prefetched frame into the stills cache; false when the reader no longer keeps it. */
    private boolean makeKept(FrameReaderPool.Entry entry, String mediaId, int index, int width, StillFormat format)
            throws IOException {
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

    /** Whether the still is in the cache now (for tests: what the background made). */
    boolean hasStill(String mediaId, int index, int width, StillFormat format) {
        return cache.contains(cacheFile(mediaId, index, width, format));
    }

    /** Whether the item's open reader keeps frame {@code index} decoded (for tests). */
    boolean keepsDecoded(String mediaId, int index) {
        return readers.test(mediaId, r -> r.isKept(index));
    }

    /** About how much memory the open readers hold together (for tests and metrics). */
    public long readerBytes() {
        return readers.readerBytes();
    }

    /** The budget of {@link #readerBytes()}. */
    public long readerMemoryBudget() {
        return readers.memoryBudget();
    }

    /**
     * Closes the item's reader (now, or when its current request finishes) and forgets its cached
     * stills; call when it is deleted (its folder, stills included, is deleted by the caller).
     */
    public void evict(String mediaId) {
        prefetch.forget(mediaId);
        cache.forget(mediaId);
        readers.evict(List.of(mediaId, seekKey(mediaId)));
    }

    /** How many readers are open (for tests and metrics). */
    public int openReaders() {
        return readers.openReaders();
    }

    /**
     * How many readers hold a decoder right now, pooled or evicted while still serving: what a burst
     * of abandoned requests would leak if a reader were not closed after its last request.
     */
    public int liveReaders() {
        return readers.liveReaders();
    }

    /** How many background jobs prepare stills ahead of viewers right now, running or queued. */
    public int prefetchJobs() {
        return prefetch.jobs();
    }

    /** How many requests are using a pooled reader right now. */
    public int busyReaders() {
        return readers.busyReaders();
    }

    @Override
    public void close() {
        prefetch.close();
        readers.close();
    }
}
