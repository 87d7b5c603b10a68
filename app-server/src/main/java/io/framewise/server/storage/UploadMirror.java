package io.framewise.server.storage;

import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ApiException;
import io.framewise.server.storage.StorageErrors.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads on an S3 store (ADR 0060): each node keeps tus-java-server's files of an upload
 * in its own data folder, and the store keeps the upload's state and bytes for every node. After a
 * request changes an upload, its info and the bytes it appended go to the store (one object per
 * PATCH, spooled from the local file, never held in memory); before a request, a node brings its
 * local copy up to the store's. So a round-robin balancer may send each PATCH to another node.
 */
public final class UploadMirror {

    private static final Logger LOG = LoggerFactory.getLogger(UploadMirror.class);
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,100}");
    private static final Pattern PART = Pattern.compile(".*/part-(\\d{15})-(\\d{15})$");

    private final Blobs blobs;
    private final StorageErrors errors;
    private final String where;

    UploadMirror(Blobs blobs, StorageErrors errors, String where) {
        this.blobs = blobs;
        this.errors = errors;
        this.where = where;
    }

    /** Whether {@code id} is an upload id this mirror keeps (anything else is the library's 404). */
    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Brings the local copy of upload {@code id} (its folder {@code dir}) up to the store's: the info
     * and every byte past the local end. A local copy the store no longer has (finished or cancelled
     * on another node) is removed.
     */
    public void pull(Path dir, String id) {
        try {
            String prefix = "tus/" + id + "/";
            Path info = dir.resolve("info");
            Path data = dir.resolve("data");
            if (blobs.stat(prefix + "info") == null) {
                if (Files.isDirectory(dir)) {
                    LOG.info("Resumable upload {} ended on another node: dropping this node's copy", id);
                    deleteTree(dir);
                }
                return;
            }
            PrivateFiles.directories(dir);
            Path tmp = dir.resolve(".info." + UUID.randomUUID() + ".part");
            if (!blobs.get(prefix + "info", tmp)) {
                return;
            }
            long local = Files.isRegularFile(data) ? Files.size(data) : 0;
            List<long[]> parts = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (String key : blobs.list(prefix)) {
                Matcher m = PART.matcher(key);
                if (m.matches()) {
                    parts.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), keys.size()});
                    keys.add(key);
                }
            }
            parts.sort(Comparator.comparingLong(p -> p[0]));
            try (FileChannel out = FileChannel.open(
                    data, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (long[] part : parts) {
                    if (part[1] <= local) {
                        continue;
                    }
                    if (part[0] > local) {
                        throw new IOException(
                                "the stored upload " + id + " has no bytes from " + local + " to " + part[0]);
                    }
                    try (InputStream in =
                            blobs.range(keys.get((int) part[2]), local - part[0], part[1] - part[0] - 1)) {
                        if (in == null) {
                            throw new IOException("a part of upload " + id + " vanished");
                        }
                        local += in.transferTo(Channels.newOutputStream(out));
                    }
                }
                out.force(true);
            }
            Files.move(tmp, info, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            throw failed(id, e);
        }
    }

    /** The size of the upload's local data file (0 when none), to {@link #push} what comes after it. */
    public static long localEnd(Path dir) {
        try {
            Path data = dir.resolve("data");
            return Files.isRegularFile(data) ? Files.size(data) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Sends the bytes appended since {@code from} (spooled to a part file) and then the info. */
    public void push(Path dir, String id, long from) {
        try {
            String prefix = "tus/" + id + "/";
            Path info = dir.resolve("info");
            if (!Files.isRegularFile(info)) {
                return;
            }
            long end = localEnd(dir);
            if (end > from) {
                Path spool = dir.resolve(".push." + UUID.randomUUID() + ".part");
                try {
                    try (FileChannel in = FileChannel.open(dir.resolve("data"), StandardOpenOption.READ);
                            OutputStream out = Files.newOutputStream(spool)) {
                        in.position(from);
                        new BoundedInput(Channels.newInputStream(in), end - from).transferTo(out);
                    }
                    blobs.put(String.format("%spart-%015d-%015d", prefix, from, end), spool);
                } finally {
                    Files.deleteIfExists(spool);
                }
            }
            blobs.put(prefix + "info", info);
        } catch (IOException | RuntimeException e) {
            throw failed(id, e);
        }
    }

    /** Removes the upload's state and bytes from the store (it is in the library, or was cancelled). */
    public void forget(String id) {
        try {
            blobs.deleteAll("tus/" + id + "/");
        } catch (IOException | RuntimeException e) {
            errors.count(Operation.UPLOAD);
            LOG.warn("Could not remove the stored parts of resumable upload {} from {}: {}", id, where, e.toString());
        }
    }

    private ApiException.Unavailable failed(String id, Exception e) {
        errors.count(Operation.UPLOAD);
        LOG.warn("Media store {} failed for resumable upload {}: {}", where, id, e.toString());
        return new ApiException.Unavailable(
                "The media store cannot be reached (resumable upload); try again later",
                Map.of("operation", "upload", "store", where),
                5);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
