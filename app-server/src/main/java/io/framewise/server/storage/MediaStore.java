package io.framewise.server.storage;

import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ApiException;
import io.framewise.server.storage.StorageErrors.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, shared copy of the library's media files (ADR 0060). The data folder stays the node's
 * working folder: the media engine and the jobs read and write local files; a finished file is
 * {@link #publish published} to the store, and a node that lacks a file {@link #localize fetches}
 * it on first use (one download per file at a time, others wait for it) into its data folder, which
 * is then a cache bounded by {@code --storage-cache} bytes.
 *
 * <p>With the default store (the data folder itself) every call is a no-op that touches no file.
 * Keys are the files' paths relative to the data folder; only files under {@code media/}, {@code
 * attachments/} (pictures of notes) and {@code templates/} (clip templates' watermarks and
 * subtitles) are stored, never an item's {@code stills} cache nor a part file being written.
 */
public final class MediaStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaStore.class);

    /** The local copies' limit when none is set: 64 GiB. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 30;

    /** The data folder's folders whose files every node must find: the rest is the node's own. */
    private static final List<String> STORED_FOLDERS = List.of("media", "attachments", "templates");

    private final Path dataDir;
    private final Path media;
    private final List<Path> roots;
    private final StorageLocation location;
    private final Blobs blobs;
    private final StorageErrors errors = new StorageErrors();
    private final LocalCopies copies;
    private final Map<String, CompletableFuture<Boolean>> fetching = new ConcurrentHashMap<>();
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private final RangedObjectChannel.Counter rangedReads = new RangedObjectChannel.Counter();
    /** Whole-file fetches that nobody waits for (a large original read by ranged GETs meanwhile). */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "framewise-store-fetch");
        t.setDaemon(true);
        return t;
    });

    private MediaStore(Path dataDir, StorageLocation location, Blobs blobs, long cacheBytes) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.media = this.dataDir.resolve("media");
        this.roots = STORED_FOLDERS.stream().map(this.dataDir::resolve).toList();
        this.location = location;
        this.blobs = blobs;
        this.copies = new LocalCopies(cacheBytes);
    }

    /** The default: the data folder is the store; nothing is copied. */
    public static MediaStore dataFolder(Path dataDir) {
        return new MediaStore(dataDir, StorageLocation.dataFolder(dataDir), null, Long.MAX_VALUE);
    }

    /** The store at {@code location} for a node working in {@code dataDir}. */
    public static MediaStore open(StorageLocation location, Path dataDir, long cacheBytes) {
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("--storage-cache must not be negative, was " + cacheBytes);
        }
        if (location.isDataFolder()) {
            return dataFolder(dataDir);
        }
        try {
            Blobs blobs = location instanceof StorageLocation.S3 s3
                    ? S3Blobs.open(s3)
                    : new FolderBlobs(((StorageLocation.Folder) location).dir());
            return new MediaStore(dataDir, location, blobs, cacheBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the media store " + location.describe() + ": " + e, e);
        }
    }

    /** Whether files are copied to and from a store other than the data folder. */
    public boolean shared() {
        return blobs != null;
    }

    public StorageLocation location() {
        return location;
    }

    /**
     * Where resumable uploads keep their state for every node when the store is S3 (a folder store
     * holds the tus folder itself); null otherwise.
     */
    public UploadMirror uploads() {
        return blobs instanceof S3Blobs ? new UploadMirror(blobs, errors, location.describe()) : null;
    }

    /** Failed calls to the store, for the metrics scrape. */
    public StorageErrors errors() {
        return errors;
    }

    /**
     * Where resumable uploads keep their parts: in a shared folder store, so a PATCH may land on any
     * node; otherwise in the data folder.
     */
    public Path tusDir() {
        if (blobs instanceof FolderBlobs folder) {
            return folder.root().resolve("tus");
        }
        return dataDir.resolve("tus");
    }

    /**
     * Copies a finished file (or every file of a finished folder, such as an HLS ladder or an image
     * sequence's frames) to the store, unless it is there already with the same size.
     *
     * @throws ApiException.Unavailable when the store cannot take it
     */
    public void publish(Path local) {
        if (!shared()) {
            return;
        }
        Path p = local.toAbsolutePath().normalize();
        if (keyOf(p) == null) {
            return;
        }
        if (Files.isDirectory(p)) {
            try (Stream<Path> all = Files.walk(p)) {
                for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                    String key = keyOf(f);
                    if (key != null) {
                        publishFile(f, key);
                    }
                }
            } catch (IOException e) {
                throw failed(Operation.PUBLISH, p, e);
            }
        } else if (Files.isRegularFile(p)) {
            publishFile(p, keyOf(p));
        }
    }

    /** Publishes every finished file of the item's folder the store lacks. */
    public void publishItem(String mediaId) {
        if (shared()) {
            publish(media.resolve(mediaId));
        }
    }

    private void publishFile(Path file, String key) {
        try {
            long size = Files.size(file);
            Long known = published.get(key);
            if (known == null || known != size) {
                if (blobs.size(key) != size) {
                    blobs.put(key, file);
                    LOG.debug("Published {} ({} bytes) to {}", key, size, location.describe());
                }
                published.put(key, size);
            }
            copies.add(file, size, this::busy);
        } catch (NoSuchFileException e) {
            // Removed while publishing (the item was deleted): nothing left to keep.
        } catch (IOException | RuntimeException e) {
            throw failed(Operation.PUBLISH, file, e);
        }
    }

    /**
     * Makes sure {@code local} (a file under the data folder) is there, fetching it from the store
     * when this node lacks it; answers {@code local} either way (a file the store lacks too stays
     * missing, for the caller's own 404). An image sequence's manifest brings its frames along.
     *
     * @throws ApiException.Unavailable when the store cannot be read
     */
    public Path localize(Path local) {
        if (!shared()) {
            return local;
        }
        Path p = local.toAbsolutePath().normalize();
        String key = keyOf(p);
        if (key == null) {
            return local;
        }
        if (Files.isRegularFile(p)) {
            copies.touch(p);
        } else if (!Files.isDirectory(p)) {
            fetch(p, key);
        }
        String name = p.getFileName().toString();
        if (name.startsWith("original.") && name.endsWith(".imgseq")) {
            localizeFolder(p.resolveSibling("frames"));
        }
        return local;
    }

    /**
     * Fetches {@code local} in the background when this node lacks it, then runs {@code then}; for a
     * caller that reads the file through ranged GETs meanwhile. A failure is counted and logged: the
     * next reader that needs the file fetches it again.
     */
    public void localizeLater(Path local, Runnable then) {
        if (!shared()) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    localize(local);
                    then.run();
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Background fetch of {} from {} failed: {}",
                            local.getFileName(),
                            location.describe(),
                            e.toString());
                }
            });
        } catch (RejectedExecutionException closed) {
            // The store is closing: nothing needs the copy any more.
        }
    }

    /** GETs and bytes of reads through {@link RangedObjectChannel}s (for metrics and tests). */
    public RangedObjectChannel.Counter rangedReads() {
        return rangedReads;
    }

    /**
     * Deletes the stored copy of one file (a note's picture whose row was not stored, say); the local
     * file is the caller's. A failure is counted and logged: what is left in the store is only bytes.
     */
    public void delete(Path local) {
        Path p = local.toAbsolutePath().normalize();
        String key = sharedKey(p);
        if (key == null) {
            return;
        }
        copies.forget(p);
        published.remove(key);
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            errors.count(Operation.DELETE);
            LOG.warn("Could not delete {} from {}: {}", key, location.describe(), e.toString());
        }
    }

    /** Fetches every file of a folder in the store that this node lacks. */
    public void localizeFolder(Path local) {
        Path p = local.toAbsolutePath().normalize();
        String key = sharedKey(p);
        if (key == null) {
            return;
        }
        List<String> keys;
        try {
            keys = blobs.list(key + "/");
        } catch (IOException | RuntimeException e) {
            throw failed(Operation.FETCH, p, e);
        }
        for (String k : keys) {
            Path file = dataDir.resolve(k).normalize();
            if (file.startsWith(p) && !Files.isRegularFile(file)) {
                fetch(file, k);
            }
        }
    }

    /**
     * The stored copy of {@code local} when Range requests of it are answered from the store rather
     * than from a local copy: on S3, when this node lacks the file (a folder store is as near as the
     * data folder, so its files are copied in). Empty otherwise, and when the store lacks it too.
     */
    public Optional<StoredObject> remote(Path local) {
        Path p = local.toAbsolutePath().normalize();
        String key = keyOf(p);
        if (!(blobs instanceof S3Blobs) || key == null || Files.exists(p)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(blobs.stat(key));
        } catch (IOException | RuntimeException e) {
            throw failed(Operation.RANGE, local, e);
        }
    }

    /** Whether Range requests of remote objects are answered with a redirect to a presigned address. */
    public boolean redirects() {
        return location instanceof StorageLocation.S3 s3 && s3.serve() == StorageLocation.Serve.REDIRECT;
    }

    /** A short-lived address of a stored object that a client can read without credentials. */
    public URI presigned(StoredObject object, Duration valid) {
        try {
            return ((S3Blobs) blobs).presigned(object.key(), valid);
        } catch (RuntimeException e) {
            throw failed(Operation.RANGE, dataDir.resolve(object.key()), e);
        }
    }

    /** The bytes {@code from} to {@code to} (inclusive) of a stored object. */
    public InputStream range(StoredObject object, long from, long to) {
        try {
            InputStream in = blobs.range(object.key(), from, to);
            if (in == null) {
                throw new NoSuchFileException(object.key());
            }
            return in;
        } catch (IOException | RuntimeException e) {
            throw failed(Operation.RANGE, dataDir.resolve(object.key()), e);
        }
    }

    /** Counts a read of a stored object that broke off on the store's side. */
    public void rangeFailed(StoredObject object, Exception e) {
        errors.count(Operation.RANGE);
        LOG.warn("Media store {} stopped sending {}: {}", location.describe(), object.key(), e.toString());
    }

    /** Deletes the stored objects of an item (its local folder is the caller's). */
    public void deleteItem(String mediaId) {
        if (!shared()) {
            return;
        }
        Path dir = media.resolve(mediaId).normalize();
        String key = keyOf(dir);
        if (key == null) {
            return;
        }
        copies.forget(dir);
        published.keySet().removeIf(k -> k.startsWith(key + "/"));
        try {
            blobs.deleteAll(key + "/");
        } catch (IOException | RuntimeException e) {
            // The item is gone from the library either way; what is left in the store is only bytes.
            errors.count(Operation.DELETE);
            LOG.warn("Could not delete the stored files of media {} from {}: {}", mediaId, location.describe(), e);
        }
    }

    private boolean fetch(Path p, String key) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = fetching.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        Path part = p.resolveSibling("." + p.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            boolean found = false;
            if (Files.isRegularFile(p)) {
                found = true;
            } else {
                PrivateFiles.directories(p.getParent());
                if (blobs.get(key, part)) {
                    long size = Files.size(part);
                    Files.move(part, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    published.put(key, size);
                    copies.add(p, size, this::busy);
                    LOG.debug("Fetched {} ({} bytes) from {}", key, size, location.describe());
                    found = true;
                }
            }
            mine.complete(found);
            return found;
        } catch (IOException | RuntimeException e) {
            ApiException.Unavailable failure = failed(Operation.FETCH, p, e);
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            fetching.remove(key, mine);
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.debug("Could not remove {}: {}", part, e.toString());
            }
        }
    }

    private boolean busy(Path file) {
        String key = keyOf(file);
        return key != null && fetching.containsKey(key);
    }

    /** The key of {@code p} when the store is shared and holds such files; null otherwise. */
    private String sharedKey(Path p) {
        return shared() ? keyOf(p) : null;
    }

    /** The key of a file under one of the stored folders, or null for anything else (and for stills). */
    private String keyOf(Path p) {
        Path root = roots.stream()
                .filter(r -> p.startsWith(r) && !p.equals(r))
                .findFirst()
                .orElse(null);
        if (root == null) {
            return null;
        }
        Path rel = root.relativize(p);
        if (root.equals(media)
                && rel.getNameCount() >= 2
                && rel.getName(1).toString().equals("stills")) {
            return null;
        }
        for (Path part : rel) {
            String name = part.toString();
            if (name.startsWith(".") && name.endsWith(".part")) {
                // Being written (a file or a whole HLS ladder's folder): published once it is renamed.
                return null;
            }
        }
        return dataDir.relativize(p).toString().replace('\\', '/');
    }

    private ApiException.Unavailable failed(Operation op, Path file, Exception e) {
        errors.count(op);
        LOG.warn("Media store {} failed to {} {}: {}", location.describe(), op.wire(), file, e.toString());
        return new ApiException.Unavailable(
                "The media store cannot be reached (" + op.wire() + " of " + file.getFileName() + "); try again later",
                Map.of("operation", op.wire(), "store", location.describe()),
                5);
    }

    @Override
    public void close() {
        background.shutdownNow();
        if (blobs != null) {
            blobs.close();
        }
    }
}
