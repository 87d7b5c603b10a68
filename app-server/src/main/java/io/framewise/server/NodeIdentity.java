package io.framewise.server;

import io.framewise.server.db.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who this server node is: a random id made once and kept in {@code <data>/node-id}, so the same
 * data folder is the same node across restarts. Jobs record the node whose worker claims them; at
 * start a node knows that its own running jobs were interrupted (by a crash or a stop) and resumes
 * them at once, while other nodes' claims still wait for their lease to lapse (ADR 0028).
 *
 * <p>That is only true while no other process runs on the same data folder, so the node also holds an
 * OS lock on {@code <data>/node.lock} while it runs. When another live process holds it, {@link
 * #sole()} is false and the caller falls back to leases; the lock is released on {@link #close()} or
 * when the process dies, however it dies.
 */
public final class NodeIdentity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeIdentity.class);

    /** The file in the data folder that holds the node id. */
    public static final String ID_FILE = "node-id";

    /** The file in the data folder a running node holds an OS lock on. */
    public static final String LOCK_FILE = "node.lock";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final String id;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private NodeIdentity(String id, FileChannel lockChannel, FileLock lock) {
        this.id = id;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the node lock of {@code dataDir} when it is free, then reads the node id, making it on the
     * first start.
     *
     * @throws UncheckedIOException when the data folder cannot be written
     */
    public static NodeIdentity claim(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(
                    io.framewise.server.db.PrivateFiles.file(dataDir.resolve(LOCK_FILE)),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = null;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // This JVM already runs a node on the folder (an embedded server started twice).
            }
            if (lock == null) {
                channel.close();
                channel = null;
                LOG.warn(
                        "Another server process runs on {}: jobs interrupted there resume only when their lease lapses",
                        dataDir);
            }
            try {
                return new NodeIdentity(readOrMake(dataDir), channel, lock);
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up the node identity in " + dataDir, e);
        }
    }

    /** The node id, the same on every start with this data folder. */
    public String id() {
        return id;
    }

    /**
     * Whether this process is the only one running this node: only then are the node's running jobs
     * surely orphaned at start.
     */
    public boolean sole() {
        return lock != null;
    }

    private static String readOrMake(Path dataDir) throws IOException {
        Path file = dataDir.resolve(ID_FILE);
        String existing = read(file);
        if (existing != null) {
            return existing;
        }
        String made = Ids.newId();
        Path tmp = dataDir.resolve("." + ID_FILE + "." + Ids.newId() + ".tmp");
        try {
            io.framewise.server.db.PrivateFiles.file(tmp);
            Files.writeString(tmp, made + "\n", StandardCharsets.US_ASCII);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (Files.exists(file)) {
                // Damaged (it did not read as an id): replace it rather than refuse to start.
                LOG.warn("{} does not hold a node id; making a new one", file);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    // Another process made it first: theirs is the node's id.
                    String theirs = read(file);
                    if (theirs != null) {
                        return theirs;
                    }
                    throw raced;
                }
            }
            syncDir(dataDir);
            LOG.info("This server node is {} (kept in {})", made, file);
            return made;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        // Latin-1 reads any bytes, so a damaged file is replaced rather than failing the start.
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
        return SHAPE.matcher(text).matches() ? text : null;
    }

    private static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not every platform lets a folder be opened for sync; the rename was still made.
        }
    }

    /** Releases the node lock (the id stays). */
    @Override
    public void close() {
        if (lockChannel == null) {
            return;
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("Closing the node lock failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "node " + id + (sole() ? "" : " (shared)");
    }
}
