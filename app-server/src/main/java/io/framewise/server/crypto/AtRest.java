package io.framewise.server.crypto;

import io.framewise.media.MediaSource;
import io.framewise.server.Feature;
import io.framewise.server.db.PrivateFiles;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encryption at rest for one data folder ({@code --encrypt-at-rest}): seals files in place, opens
 * sealed files as plain channels, and lets the media engine read them (a {@link MediaSource.Resolver}
 * that claims the sealed files of this folder). Opening it checks the master key against the
 * folder's check file, made on first start, so a wrong key stops the server before it serves.
 *
 * <p>It is passed to the server as a {@link Feature} (like the file offload) so no constructor in
 * between needs to know about it; the call sites that finish or read files ask {@link SealedMedia},
 * which finds the open instance for a file's data folder.
 */
public final class AtRest implements Feature, AutoCloseable {

    static final String CHECK_FILE = "encryption/check.sealed";
    private static final byte[] CHECK_TEXT =
            "Framewise encryption at rest: this file proves the master key.".getBytes(StandardCharsets.US_ASCII);

    private final Path dataDir;
    private final DataKeys keys;
    private final AutoCloseable registration;
    private final int chunkSize;

    private AtRest(Path dataDir, DataKeys keys, int chunkSize) {
        this.dataDir = dataDir;
        this.keys = keys;
        this.chunkSize = chunkSize;
        this.registration = MediaSource.register(this::channelFor);
        SealedMedia.add(this);
    }

    /**
     * Opens encryption for a data folder with its master key: on first start makes the check file;
     * later refuses (IllegalArgumentException saying why) a key that does not open it, or a library
     * where some data key is wrapped by another master key (an unfinished rotation).
     */
    public static AtRest open(Path dataDir, MasterKey master) {
        return open(dataDir, master, null);
    }

    /**
     * As {@link #open(Path, MasterKey)}, while a rotation from {@code previous} to {@code master} runs
     * (or is about to): data keys wrapped by either open, new ones are wrapped by {@code master}, and
     * the rotation ({@code framewise keys rotate}) can run while this server serves.
     */
    public static AtRest open(Path dataDir, MasterKey master, MasterKey previous) {
        Path dir = dataDir.toAbsolutePath().normalize();
        DataKeys keys = new DataKeys(dir, master, previous);
        try {
            PrivateFiles.directories(dir);
            Path check = dir.resolve(CHECK_FILE);
            if (Files.exists(check)) {
                verifyCheck(dir, keys, check);
            } else {
                List<Path> wrapped = KeyRotation.keyFiles(dir);
                if (!wrapped.isEmpty()) {
                    throw new IllegalArgumentException("The data folder " + dir + " holds data keys but no check file "
                            + check + ": it was not sealed by this server, or the check file was removed.");
                }
                Path plain = check.resolveSibling(".check.plain");
                PrivateFiles.directories(check.getParent());
                Files.write(plain, CHECK_TEXT);
                seal(plain, check, keys, SealedHeader.DEFAULT_CHUNK);
            }
            List<String> others = KeyRotation.wrappedByOthers(dir, keys);
            if (!others.isEmpty()) {
                throw new IllegalArgumentException(others.size() + " data key(s) of " + dir
                        + " are wrapped by another master key (first: " + others.get(0) + "): a key rotation is"
                        + " unfinished. Run framewise keys rotate again with the old and new keys, or start with the"
                        + " new key and the old one as --previous-key-file until it has run.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up encryption at rest in " + dir + ": " + e.getMessage(), e);
        }
        return new AtRest(dir, keys, SealedHeader.DEFAULT_CHUNK);
    }

    private static void verifyCheck(Path dir, DataKeys keys, Path check) throws IOException {
        try (SealedChannel ch = SealedChannel.open(check, keys)) {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(4096, ch.size()));
            while (b.hasRemaining() && ch.read(b) > 0) {}
            if (!java.util.Arrays.equals(b.array(), CHECK_TEXT)) {
                throw new IllegalArgumentException("The check file " + check + " does not hold what it should.");
            }
        } catch (DataKeys.WrongKeyException e) {
            throw new IllegalArgumentException("The master key " + keys.master().id() + " does not open the library in "
                    + dir + " (" + e.getMessage() + "). Start with the key it was sealed with; if a rotation was"
                    + " interrupted, finish it with framewise keys rotate.");
        }
    }

    /**
     * Refuses to start a server without a key on a data folder that holds sealed files: serving them
     * would hand out ciphertext, and new files would be stored in plain beside them.
     */
    public static void refuseWithoutKey(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (SealedMedia.find(dir.resolve("media")).isPresent()) {
            return;
        }
        boolean sealed = Files.exists(dir.resolve(CHECK_FILE));
        try {
            sealed |= !KeyRotation.keyFiles(dir).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sealed) {
            throw new IllegalArgumentException("The library in " + dir + " is encrypted at rest: start the server with"
                    + " --encrypt-at-rest and its master key (--key-file FILE or " + MasterKey.ENVIRONMENT + ").");
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public String masterKeyId() {
        return keys.master().id();
    }

    /** Whether a file starts like a sealed file (it may still fail to open). */
    public static boolean isSealed(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(SealedHeader.MAGIC.length);
            return SealedHeader.isSealed(start, start.length);
        } catch (IOException e) {
            return false;
        }
    }

    /** Seals a finished file where it lies (through a synced temporary file and a rename). */
    public void sealInPlace(Path file) throws IOException {
        if (isSealed(file)) {
            return;
        }
        seal(file, file, keys, chunkSize);
    }

    /** Opens a file's plain bytes: decrypting when sealed, directly otherwise. */
    public SeekableByteChannel open(Path file) throws IOException {
        if (isSealed(file)) {
            return SealedChannel.open(file, keys);
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    private Optional<MediaSource.ChannelOpener> channelFor(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (!p.startsWith(dataDir) || !isSealed(p)) {
            return Optional.empty();
        }
        return Optional.of(() -> SealedChannel.open(p, keys));
    }

    /** Encrypts {@code plain} into {@code target} (which may be the same path) under the file's data key. */
    static void seal(Path plain, Path target, DataKeys keys, int chunkSize) throws IOException {
        try (InputStream in = Files.newInputStream(plain)) {
            seal(in, Files.size(plain), target, keys, chunkSize);
        }
        if (!plain.equals(target)) {
            Files.deleteIfExists(plain);
        }
    }

    /** Seals bytes held in memory (a frame map, a still) without a plain copy on disk. */
    public void write(Path target, byte[] plain) throws IOException {
        seal(new java.io.ByteArrayInputStream(plain), plain.length, target, keys, chunkSize);
    }

    /**
     * Encrypts {@code size} bytes of {@code in} into {@code target} through a synced temporary file
     * renamed over it, so a reader sees the old file or the whole sealed one.
     */
    static void seal(InputStream in, long size, Path target, DataKeys keys, int chunkSize) throws IOException {
        String name = keys.nameFor(target);
        SecretKey dataKey = keys.key(name);
        SealedHeader header = SealedHeader.create(size, chunkSize, name);
        SecretKey fileKey = header.fileKey(dataKey);
        PrivateFiles.directories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".sealing");
        try (FileChannel out = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.wrap(header.bytes()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] sealed = new byte[chunkSize + SealedHeader.TAG];
            for (long i = 0; i < header.chunkCount(); i++) {
                byte[] chunk = in.readNBytes(header.plainLength(i));
                if (chunk.length != header.plainLength(i)) {
                    throw new IOException(target + " changed while it was sealed");
                }
                cipher.init(Cipher.ENCRYPT_MODE, fileKey, new GCMParameterSpec(128, header.nonce(i)));
                cipher.updateAAD(header.aad(i));
                int n = cipher.doFinal(chunk, 0, chunk.length, sealed, 0);
                writeFully(out, ByteBuffer.wrap(sealed, 0, n));
            }
            if (in.read() >= 0) {
                throw new IOException(target + " grew while it was sealed");
            }
            out.force(true);
        } catch (GeneralSecurityException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot seal " + target + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtRest.syncDir(target.getParent());
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Nothing to route: the instance is a feature only so it is closed with the server. */
    @Override
    public void register(JavalinConfig cfg) {}

    @Override
    public void close() {
        SealedMedia.remove(this);
        try {
            registration.close();
        } catch (Exception e) {
            // Removing from a list does not fail.
        }
    }

    /** Flushes a folder's entries so a rename survives a power cut (a no-op where folders cannot be opened). */
    static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not every platform lets a folder be opened for sync; the rename was still made.
        }
    }

    /** Files directly in a folder, for the key scans. */
    static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        }
        return out;
    }
}
