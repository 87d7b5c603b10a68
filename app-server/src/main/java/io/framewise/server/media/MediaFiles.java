package io.framewise.server.media;

import io.framewise.server.db.Ids;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.storage.MediaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a media item's files lie in the data folder: everything of item {@code id} is under
 * {@code <data>/media/<id>/} (original, frame map, thumbnails, proxy, stills cache), so deleting an
 * item is deleting one folder. Paths stored in the database are relative to the data folder.
 *
 * <p>With a shared {@link MediaStore} (ADR 0060) the data folder is this node's working copy: a path
 * read through {@link #resolve} or {@link #local} is fetched from the store first when this node
 * lacks it, and deleting an item deletes its stored objects too.
 */
public final class MediaFiles {

    public static final String FRAME_MAP = "framemap.bin";
    public static final String POSTER = "poster.jpg";
    public static final String SPRITES = "sprites.jpg";
    public static final String SPRITES_INDEX = "sprites.json";
    public static final String WAVEFORM = "waveform.json";
    public static final String PROXY = "proxy.mp4";
    public static final String STILLS = "stills";
    /** The seek proxy and its own frame map (ADR 0051). */
    public static final String SEEK_PROXY = "seek-proxy.mp4";

    public static final String SEEK_PROXY_FRAME_MAP = "seek-proxy-framemap.bin";

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

    private final Path dataDir;
    private final MediaStore store;

    public MediaFiles(Path dataDir) {
        this(dataDir, MediaStore.dataFolder(dataDir));
    }

    public MediaFiles(Path dataDir, MediaStore store) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.store = store;
    }

    /** The store of the library's media files (the data folder itself by default). */
    public MediaStore store() {
        return store;
    }

    /** A file of the item to read: fetched from the store first when this node lacks it. */
    public Path local(String mediaId, String name) {
        return store.localize(file(mediaId, name));
    }

    /** {@code file}, fetched from the store first when this node lacks it. */
    public Path localize(Path file) {
        return store.localize(file);
    }

    /** Copies a finished file or folder of an item to the store (nothing to do by default). */
    public void publish(Path file) {
        store.publish(file);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The item's folder. The id is checked, so a malformed one can never name another path. */
    public Path dir(String mediaId) {
        Ids.require("mediaId", mediaId);
        return dataDir.resolve("media").resolve(mediaId);
    }

    /** A file in the item's folder. */
    public Path file(String mediaId, String name) {
        return dir(mediaId).resolve(name);
    }

    /** Where the original of {@code mediaId} goes, keeping the uploaded name's extension when it is plain. */
    public Path originalFor(String mediaId, String fileName) {
        return file(mediaId, "original." + extensionOf(fileName));
    }

    /**
     * An absolute path for a path stored relative to the data folder, fetched from the store first
     * when this node lacks it.
     */
    public Path resolve(String relative) {
        Path p = dataDir.resolve(relative).normalize();
        if (!p.startsWith(dataDir)) {
            throw new IllegalArgumentException("stored path leaves the data folder: " + relative);
        }
        return store.localize(p);
    }

    /** An absolute path for a path stored relative to the data folder, as it is on this node (nothing fetched). */
    public Path path(String relative) {
        Path p = dataDir.resolve(relative).normalize();
        if (!p.startsWith(dataDir)) {
            throw new IllegalArgumentException("stored path leaves the data folder: " + relative);
        }
        return p;
    }

    /** The form stored in the database: relative to the data folder, with forward slashes. */
    public String relative(Path file) {
        return dataDir.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The lower-case extension of {@code fileName} when it is 1 to 10 letters or digits, else "bin". */
    public static String extensionOf(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return "bin";
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(ext).matches() ? ext : "bin";
    }

    /** The lowercase hex SHA-256 of the file's bytes, as media items store it. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Moves {@code source} to {@code target} in one step (the data folder is one file system, so it
     * is a rename) and syncs the target's folder so the rename itself survives a power cut.
     */
    public static void moveDurably(Path source, Path target) throws IOException {
        PrivateFiles.directories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Another file system after all (a bind mount): copy, sync, then drop the source.
            Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(source);
        }
        syncDir(target.getParent());
    }

    /** Flushes a folder's entries to disk (works on Linux; silently a no-op where folders cannot be opened). */
    public static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not every platform lets a folder be opened for sync; the rename was still made.
        }
    }

    /** Deletes the item's folder and everything in it, and its stored objects; a missing folder is fine. */
    public void deleteAll(String mediaId) {
        store.deleteItem(mediaId);
        Path dir = dir(mediaId);
        if (!Files.exists(dir)) {
            return;
        }
        // A job stopping for the removal may still write a file into the folder as it is walked: a
        // folder that is not empty at the end is walked again (the cancelled job writes no more).
        for (int attempt = 1; ; attempt++) {
            try {
                walkAndDelete(dir);
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 5) {
                    throw new UncheckedIOException("Cannot delete " + dir, e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + dir, e);
            }
        }
    }

    private static void walkAndDelete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfThere(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    // Listed, then renamed or removed by a job finishing its file (a .part): gone anyway.
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                deleteIfThere(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfThere(Path p) throws IOException {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException e) {
            // Removed concurrently (a still being written next to us): it is gone either way.
        }
    }
}
