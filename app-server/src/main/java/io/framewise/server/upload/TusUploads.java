package io.framewise.server.upload;

import io.framewise.server.Feature;
import io.framewise.server.ServerConfig;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ApiException;
import io.framewise.server.storage.UploadMirror;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Stream;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.upload.UploadInfo;
import me.desair.tus.server.upload.disk.DiskLockingService;
import me.desair.tus.server.upload.disk.DiskStorageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads over tus 1.0 (core, creation, termination and the other extensions the library
 * enables) at {@code /api/tus}, served by tus-java-server on the raw servlet request and response
 * Javalin 7 exposes. Partial uploads live under {@code <data>/tus} and survive a restart, so a client
 * resumes from the offset the server reports. A finished upload is moved into {@code <data>/uploads}
 * through the same {@link UploadTarget} as plain uploads (same hash, same limits) and handed to the
 * same {@link UploadCallback}; the tus copy is then removed.
 *
 * <p>Crash safety: at construction, bytes a killed server wrote past an upload's acknowledged offset
 * are cut off (see {@link #trimUnacknowledgedBytes()}), and {@link #handOverCompleted()} takes in
 * uploads that were complete but not yet handed over.
 *
 * <p>Limits: a PATCH body, chunked or not, never runs past the upload's declared length or the
 * server's largest upload (413) nor into the free-disk reserve (507), see {@link BoundedPatchBody}.
 * An upload left idle longer than its expiry is removed with its bytes by {@link #sweepExpired()},
 * which {@link #startSweeping()} runs at once and then periodically.
 */
public final class TusUploads implements Feature, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TusUploads.class);

    public static final String PATH = "/api/tus";

    /** Response header naming the media item a finished upload became. */
    public static final String MEDIA_ID_HEADER = "Upload-Media-Id";

    /** Response header naming the asset a finished upload was filed as. */
    public static final String ASSET_ID_HEADER = "Upload-Asset-Id";

    private final TusFileUploadService tus;
    private final DiskStorageService storage;
    private final DiskLockingService locking;
    private final ServerConfig config;
    private final FilingCallback callback;
    private final CreationCheck creationCheck;
    private final Function<Context, String> owner;
    private final Map<String, Boolean> handingOver = new ConcurrentHashMap<>();
    private final Duration sweepEvery;
    private ScheduledExecutorService sweeper;
    private final ReentrantReadWriteLock sweepLock = new ReentrantReadWriteLock();
    private int skippedSweeps;
    private volatile UploadMirror mirror;
    private volatile io.framewise.server.db.NodeLocks locks;

    /** How long an idle upload lives by default, and how often expired ones are looked for. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);

    public static final Duration DEFAULT_SWEEP = Duration.ofHours(1);

    /** What happens to a complete upload, told whose it is (null when uploaded without an owner). */
    @FunctionalInterface
    public interface OwnedCallback {
        Object onReceived(ReceivedFile file, String ownerId) throws Exception;
    }

    /**
     * What happens to a complete upload, told whose it is and the metadata its creation sent
     * (decoded; {@code filename}, {@code projectId}, {@code folderId}...).
     */
    @FunctionalInterface
    public interface FilingCallback {
        Object onReceived(ReceivedFile file, String ownerId, Map<String, String> metadata) throws Exception;
    }

    /**
     * Checks a creation request's metadata before the upload exists (where it is to be filed): a
     * refusal is an {@link io.framewise.server.http.ApiException}, and no upload is made.
     */
    @FunctionalInterface
    public interface CreationCheck {
        void check(Context ctx, Map<String, String> metadata);
    }

    /** Uploads nobody in particular owns (every client may resume every upload). */
    public TusUploads(ServerConfig config, UploadCallback callback) {
        this(config, (file, ownerId) -> callback.onReceived(file), ctx -> null);
    }

    /**
     * Uploads owned by whoever {@code owner} says sent the request: only the owner can resume,
     * inspect or cancel an upload (others get 404), and the library learns who uploaded it.
     */
    public TusUploads(ServerConfig config, OwnedCallback callback, Function<Context, String> owner) {
        this(config, callback, owner, DEFAULT_EXPIRY, DEFAULT_SWEEP);
    }

    /**
     * As the other constructor, with how long an idle upload lives ({@code expiry}, renewed by each
     * PATCH) and how often {@link #startSweeping()} looks for expired ones.
     */
    public TusUploads(
            ServerConfig config,
            OwnedCallback callback,
            Function<Context, String> owner,
            Duration expiry,
            Duration sweepEvery) {
        this(
                config,
                (file, ownerId, metadata) -> callback.onReceived(file, ownerId),
                (ctx, metadata) -> {},
                owner,
                expiry,
                sweepEvery);
    }

    /**
     * As the other constructors, with the creation's metadata handed to the callback and checked by
     * {@code creationCheck} before the upload is made.
     */
    public TusUploads(
            ServerConfig config,
            FilingCallback callback,
            CreationCheck creationCheck,
            Function<Context, String> owner,
            Duration expiry,
            Duration sweepEvery) {
        this.creationCheck = creationCheck;
        if (expiry.toMillis() < 1 || sweepEvery.toMillis() < 1) {
            throw new IllegalArgumentException("expiry and sweep interval must be positive");
        }
        this.sweepEvery = sweepEvery;
        this.config = config;
        this.callback = callback;
        this.owner = owner;
        try {
            // The library creates these on first use; the sweep lists them before any upload came.
            PrivateFiles.directories(config.tusDir().resolve("uploads"));
            PrivateFiles.directories(config.tusDir().resolve("locks"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + config.tusDir(), e);
        }
        // The storage is kept to read an upload's state under the lock a request already holds (the
        // service's own getUploadInfo takes the lock, which a PATCH in progress cannot).
        this.storage = new DiskStorageService(config.tusDir().toString());
        // File locks hold across processes: with a shared store (ADR 0060) other nodes use this folder too.
        this.locking = new DiskLockingService(config.tusDir().toString());
        this.tus = new TusFileUploadService()
                .withUploadUri(PATH)
                .withUploadStorageService(storage)
                .withUploadLockingService(locking)
                .withMaxUploadSize(config.maxUploadBytes())
                .withUploadExpirationPeriod(expiry.toMillis());
        trimUnacknowledgedBytes();
    }

    /**
     * Keeps every upload's state and bytes in an S3 store too, so each request may land on another
     * node (ADR 0060); a folder store needs none of this, it holds the tus folder itself.
     * With the database's locks across nodes ({@code locks}, null on SQLite, which serves one node), a
     * PATCH or DELETE of an upload holds its lock while it runs, so two nodes never append to the same
     * upload at once and the second is told to retry (423).
     */
    public void shareThrough(UploadMirror mirror, io.framewise.server.db.NodeLocks locks) {
        this.locks = locks;
        this.mirror = mirror;
    }

    /** The upload id of a request's path, when it names one this server could have made. */
    private static String uploadId(String uri) {
        if (uri == null || !uri.startsWith(PATH + "/")) {
            return null;
        }
        String id = uri.substring(PATH.length() + 1);
        return UploadMirror.valid(id) ? id : null;
    }

    private Path uploadDir(String id) {
        return config.tusDir().resolve("uploads").resolve(id);
    }

    @Override
    public void register(JavalinConfig cfg) {
        for (HandlerType method : new HandlerType[] {
            HandlerType.POST, HandlerType.HEAD, HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS
        }) {
            cfg.routes.addHttpHandler(method, PATH, this::process);
            cfg.routes.addHttpHandler(method, PATH + "/{id}", this::process);
        }
    }

    private void process(Context ctx) throws Exception {
        if (ctx.method() == HandlerType.POST || ctx.method() == HandlerType.PATCH) {
            // Before reading: a declared body must fit. A chunked one declares nothing and is held to the
            // same limits as it is read.
            UploadTarget.checkFreeDisk(
                    config.tusDir(), Math.max(0, ctx.req().getContentLengthLong()), config.minFreeDiskBytes());
        }
        String ownerId = owner.apply(ctx);
        if (ctx.method() == HandlerType.POST) {
            creationCheck.check(ctx, TusMetadata.parse(ctx.header("Upload-Metadata")));
        }
        HttpServletRequest request = ctx.req();
        UploadMirror shared = mirror;
        String id = shared == null ? null : uploadId(request.getRequestURI());
        AutoCloseable across = lockAcrossNodes(ctx, id);
        try {
            processShared(ctx, ownerId, request, shared, id);
        } finally {
            if (across != null) {
                across.close();
            }
        }
    }

    /** The upload's lock across nodes for a request that changes it, or null when none is needed. */
    private AutoCloseable lockAcrossNodes(Context ctx, String id) {
        io.framewise.server.db.NodeLocks nodeLocks = locks;
        if (id == null
                || nodeLocks == null
                || (ctx.method() != HandlerType.PATCH && ctx.method() != HandlerType.DELETE)) {
            return null;
        }
        AutoCloseable held;
        try {
            held = nodeLocks.tryLock("tus", id);
        } catch (io.framewise.server.db.DatabaseException e) {
            LOG.warn("Cannot lock resumable upload {} across nodes: {}", id, e.getMessage());
            throw new ApiException.Unavailable(
                    "The database cannot be reached to lock the upload; try again later", Map.of("upload", id), 5);
        }
        if (held == null) {
            throw new ApiException.Locked(
                    "The upload is being written through another server node; send the request again shortly",
                    Map.of("upload", id));
        }
        return held;
    }

    private void processShared(Context ctx, String ownerId, HttpServletRequest request, UploadMirror shared, String id)
            throws Exception {
        long before = 0;
        if (id != null) {
            shared.pull(uploadDir(id), id);
            before = UploadMirror.localEnd(uploadDir(id));
        }
        BoundedPatchBody bounded = null;
        if (ctx.method() == HandlerType.PATCH) {
            String uri = request.getRequestURI();
            bounded = new BoundedPatchBody(
                    request, config.tusDir(), config.minFreeDiskBytes(), () -> roomOf(uri, ownerId));
            request = bounded;
        }
        sweepLock.readLock().lock();
        try {
            tus.process(request, ctx.res(), ownerId);
        } catch (IOException e) {
            if (bounded == null || bounded.refusal() == null) {
                throw e;
            }
        } finally {
            sweepLock.readLock().unlock();
        }
        if (shared != null) {
            share(ctx, shared, id, before);
        }
        if (bounded != null && bounded.refusal() != null) {
            // Upload-Offset says how many bytes were kept, where the client resumes; the library's
            // empty-body length goes, and the status and body say why the rest was refused.
            LOG.info(
                    "Resumable upload {} refused: {}",
                    request.getRequestURI(),
                    bounded.refusal().getMessage());
            UploadInfo kept = storage.getUploadInfo(request.getRequestURI(), ownerId);
            if (kept != null && kept.getOffset() != null) {
                ctx.res().setHeader("Upload-Offset", Long.toString(kept.getOffset()));
            }
            ctx.res().setHeader("Content-Length", null);
            throw bounded.refusal().answer();
        }
        if (ctx.method() == HandlerType.POST && ownerId != null) {
            rememberOwner(ctx.res().getHeader("Location"), ownerId);
        }
        if (ctx.method() == HandlerType.PATCH || ctx.method() == HandlerType.POST) {
            handOverIfComplete(ctx, ownerId);
        }
    }

    /** Sends what the request changed to the store: a new upload's info, a PATCH's bytes, a cancellation. */
    private void share(Context ctx, UploadMirror shared, String id, long before) {
        if (ctx.method() == HandlerType.POST) {
            String location = ctx.res().getHeader("Location");
            String made = location == null
                    ? null
                    : uploadId(java.net.URI.create(location).getPath());
            if (made != null) {
                shared.push(uploadDir(made), made, 0);
            }
        } else if (id != null && ctx.method() == HandlerType.PATCH) {
            shared.push(uploadDir(id), id, before);
        } else if (id != null && ctx.method() == HandlerType.DELETE && ctx.res().getStatus() == 204) {
            shared.forget(id);
        }
    }

    /** What the upload at {@code uri} may still take (asked under the library's lock on it). */
    private BoundedPatchBody.Room roomOf(String uri, String ownerId) throws IOException {
        UploadInfo info = storage.getUploadInfo(uri, ownerId);
        long offset = info == null || info.getOffset() == null ? 0 : info.getOffset();
        if (info != null && info.hasLength()) {
            return new BoundedPatchBody.Room(info.getLength() - offset, info.getLength(), true);
        }
        return new BoundedPatchBody.Room(config.maxUploadBytes() - offset, config.maxUploadBytes(), false);
    }

    /**
     * Hands over what finished while the server was down, removes expired uploads, then keeps
     * removing them every sweep interval. Call once, after the routes are registered.
     */
    public synchronized void startSweeping() {
        if (sweeper != null) {
            return;
        }
        handOverCompleted();
        sweepExpired();
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "framewise-tus-sweep");
            t.setDaemon(true);
            return t;
        });
        long every = sweepEvery.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Removes uploads idle past their expiry (the library skips one a request is working on) with
     * their bytes, then the owner notes of uploads that are gone.
     */
    public void sweepExpired() {
        if (!lockForSweep()) {
            return;
        }
        try {
            tus.cleanup();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remove expired resumable uploads: {}", e.toString());
        } finally {
            sweepLock.writeLock().unlock();
        }
        Path owners = config.tusDir().resolve("owners");
        if (!Files.isDirectory(owners)) {
            return;
        }
        Path uploads = config.tusDir().resolve("uploads");
        try (Stream<Path> notes = Files.list(owners)) {
            for (Path note : (Iterable<Path>) notes::iterator) {
                if (!Files.isDirectory(uploads.resolve(note.getFileName().toString()))) {
                    Files.deleteIfExists(note);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remove the owner notes of finished uploads: {}", e.toString());
        }
    }

    /**
     * The library's cleanup and a request on the same upload both lock its files; within one process
     * that is not a wait but an OverlappingFileLockException (a 500 for the upload). So a sweep runs
     * only while no request is in the library: it does not queue behind requests (a queued writer
     * would hold new uploads back behind a long one), it skips; after many skips in a row it waits
     * up to a second, so a server that is never idle still sweeps.
     */
    private boolean lockForSweep() {
        if (sweepLock.writeLock().tryLock()) {
            skippedSweeps = 0;
            return true;
        }
        if (++skippedSweeps < 10) {
            LOG.debug("Sweep of expired resumable uploads skipped: uploads in progress");
            return false;
        }
        try {
            if (sweepLock.writeLock().tryLock(1, TimeUnit.SECONDS)) {
                skippedSweeps = 0;
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Stops the periodic sweep. */
    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }

    /**
     * The request that completes an upload answers with {@value #MEDIA_ID_HEADER}: the library item
     * the file became, so a browser can file it as an asset without guessing.
     */
    private void handOverIfComplete(Context ctx, String ownerId) throws Exception {
        Object received = handOver(ctx.req().getRequestURI(), ownerId);
        if (received instanceof Map<?, ?> view
                && view.get("id") instanceof String id
                && !ctx.res().isCommitted()) {
            ctx.res().setHeader(MEDIA_ID_HEADER, id);
            if (view.get("assetId") instanceof String assetId) {
                ctx.res().setHeader(ASSET_ID_HEADER, assetId);
            }
        }
    }

    /**
     * Keeps who owns a new upload next to it, so an upload finished just before a restart is handed
     * over under its owner at the next start (tus-java-server only finds an owned upload by owner).
     */
    private void rememberOwner(String location, String ownerId) throws IOException {
        if (location == null) {
            return;
        }
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (!id.matches("[0-9A-Za-z_-]{1,100}")) {
            return;
        }
        Path owners = config.tusDir().resolve("owners");
        PrivateFiles.directories(owners);
        Files.writeString(owners.resolve(id), ownerId);
    }

    private String rememberedOwner(String uploadId) {
        Path file = config.tusDir().resolve("owners").resolve(uploadId);
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> withoutNullValues(Map<String, String> metadata) {
        Map<String, String> out = new java.util.HashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /**
     * Hands a complete upload to the callback, then removes the tus copy. A request finishing the
     * upload and {@link #handOverCompleted()} may both get here; the first one takes it.
     */
    private Object handOver(String uri, String ownerId) throws Exception {
        if (handingOver.putIfAbsent(uri, Boolean.TRUE) != null) {
            return null;
        }
        try {
            UploadInfo info;
            try {
                info = tus.getUploadInfo(uri, ownerId);
            } catch (TusException e) {
                return null;
            }
            if (info == null || info.isUploadInProgress() || !info.hasLength()) {
                return null;
            }
            ReceivedFile file;
            try (UploadTarget target =
                            new UploadTarget(config.uploadsDir(), config.maxUploadBytes(), config.minFreeDiskBytes());
                    InputStream in = tus.getUploadedBytes(uri, ownerId)) {
                byte[] buf = new byte[256 * 1024];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    target.write(buf, 0, n);
                }
                file = target.finish(info.getFileName());
            }
            file = file.withMetadata(withoutNullValues(info.getMetadata()));
            Object received;
            try {
                received = callback.onReceived(file, ownerId, info.hasMetadata() ? info.getMetadata() : Map.of());
            } catch (Exception | Error e) {
                Files.deleteIfExists(file.path());
                tus.deleteUpload(uri, ownerId);
                forgetOwner(uri);
                forgetShared(uri);
                throw e;
            }
            // Removed only once the library has it: a kill in between hands it over again at the next
            // start (a duplicate at worst), where the other order could lose a fully uploaded file.
            tus.deleteUpload(uri, ownerId);
            forgetOwner(uri);
            forgetShared(uri);
            LOG.info("Resumable upload '{}' complete ({} bytes)", file.safeName(), file.size());
            return received;
        } finally {
            handingOver.remove(uri);
        }
    }

    /**
     * Hands over uploads that were complete when an earlier run stopped before taking them into the
     * library (the server was killed between the last byte and the hand-over). Called once at start.
     */
    public void handOverCompleted() {
        for (Path dir : uploadDirs()) {
            String uri = PATH + "/" + dir.getFileName();
            try {
                handOver(uri, rememberedOwner(dir.getFileName().toString()));
            } catch (Exception e) {
                LOG.warn("Could not hand over the finished resumable upload {}: {}", uri, e.toString());
            }
        }
    }

    /**
     * Makes every partial upload consistent with the offset it acknowledged. tus-java-server appends a
     * PATCH body to the data file as it arrives and records the new offset only when the body has
     * ended; a server killed in between leaves a data file longer than its recorded offset, and the
     * library then refuses every later PATCH ("the upload offset does not correspond to the written
     * bytes"), so the upload could never be resumed. The unacknowledged tail is cut off here, before
     * the server serves: the client asks for the offset (HEAD) and sends those bytes again.
     */
    private void trimUnacknowledgedBytes() {
        for (Path dir : uploadDirs()) {
            String uri = PATH + "/" + dir.getFileName();
            Path data = dir.resolve("data");
            // Under the upload's lock: another node sharing the folder may be receiving it right now.
            try (me.desair.tus.server.upload.UploadLock lock = locking.lockUploadByUri(uri)) {
                if (lock == null) {
                    continue;
                }
                UploadInfo info = storage.getUploadInfo(
                        uri, rememberedOwner(dir.getFileName().toString()));
                if (info == null || info.getOffset() == null || !Files.isRegularFile(data)) {
                    continue;
                }
                long offset = info.getOffset();
                try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
                    if (ch.size() > offset) {
                        LOG.info(
                                "Resumable upload {}: dropping {} unacknowledged bytes after offset {}",
                                uri,
                                ch.size() - offset,
                                offset);
                        ch.truncate(offset);
                        ch.force(true);
                    }
                }
            } catch (IOException | TusException | RuntimeException e) {
                LOG.warn("Could not check the resumable upload {}: {}", uri, e.toString());
            }
        }
    }

    private void forgetShared(String uri) {
        UploadMirror shared = mirror;
        String id = uploadId(uri);
        if (shared != null && id != null) {
            shared.forget(id);
        }
    }

    private void forgetOwner(String uri) {
        try {
            Files.deleteIfExists(config.tusDir().resolve("owners").resolve(uri.substring(uri.lastIndexOf('/') + 1)));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not remove the owner note of {}: {}", uri, e.toString());
        }
    }

    /** The folders tus-java-server keeps one upload in each ({@code <tus>/uploads/<id>/info|data}). */
    private List<Path> uploadDirs() {
        Path root = config.tusDir().resolve("uploads");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Could not list the resumable uploads in {}: {}", root, e.toString());
            return List.of();
        }
    }
}
