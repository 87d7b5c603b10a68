package io.framewise.server.crypto;

import io.framewise.server.db.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data keys of a library (envelope encryption): one random AES-256 key per media item, kept in
 * the item's folder as {@code data.key}, wrapped (AES-GCM) by the master key. A key's name is its
 * folder relative to the data folder ({@code media/<id>}, or {@code encryption} for the check file
 * and files outside an item), and the name is bound into the wrapping, so a key file copied to
 * another item does not open there. Rotating the master key rewrites only these small files.
 *
 * <p>Key file layout (77 bytes): "FWDATKEY", version 1, master key id (8), nonce (12), wrapped key
 * and tag (48).
 */
public final class DataKeys {

    static final String FILE_NAME = "data.key";
    private static final byte[] MAGIC = "FWDATKEY".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    static final int FILE_LENGTH = 8 + 1 + 8 + 12 + 32 + 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key file as stored: which master key wraps it, and the wrapped bytes. */
    record Wrapped(String name, String masterKeyId, byte[] nonce, byte[] sealed) {}

    private final Path dataDir;
    private final MasterKey master;
    /** The key being rotated away from, which only unwraps; null when none was given. */
    private final MasterKey previous;

    private final Map<String, SecretKey> cache = new ConcurrentHashMap<>();

    /**
     * Keys that new data keys are wrapped by ({@code master}) and, while a rotation runs, the one the
     * older data keys may still be wrapped by ({@code previous}, or null).
     */
    DataKeys(Path dataDir, MasterKey master, MasterKey previous) {
        if (previous != null && previous.id().equals(master.id())) {
            throw new IllegalArgumentException("the previous master key is the current key (" + master.id() + ")");
        }
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.master = master;
        this.previous = previous;
    }

    MasterKey master() {
        return master;
    }

    /** The master key that wraps {@code wrapped}, of the ones this library was opened with. */
    MasterKey unwrapperOf(Wrapped wrapped) {
        return previous != null && wrapped.masterKeyId().equals(previous.id()) ? previous : master;
    }

    /** Whether a master key id is one of the keys this library was opened with. */
    boolean knows(String masterKeyId) {
        return masterKeyId.equals(master.id()) || (previous != null && masterKeyId.equals(previous.id()));
    }

    /** The key name for a file: its media item's folder, else the library's own key. */
    String nameFor(Path file) {
        Path media = dataDir.resolve("media");
        Path p = file.toAbsolutePath().normalize();
        if (p.startsWith(media) && p.getNameCount() > media.getNameCount() + 1) {
            return "media/" + p.getName(media.getNameCount());
        }
        return "encryption";
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a data key name: " + name);
        }
    }

    Path fileOf(String name) {
        checkName(name);
        return dataDir.resolve(name).resolve(FILE_NAME);
    }

    /** The named data key, made (and stored wrapped) on first use. */
    SecretKey key(String name) throws IOException {
        SecretKey known = cache.get(name);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = cache.get(name);
            if (known != null) {
                return known;
            }
            Path file = fileOf(name);
            SecretKey key;
            if (Files.exists(file)) {
                Wrapped wrapped = read(file, name);
                key = unwrap(wrapped, unwrapperOf(wrapped));
            } else {
                byte[] raw = new byte[32];
                RANDOM.nextBytes(raw);
                key = new SecretKeySpec(raw, "AES");
                write(file, wrap(name, key, master));
                Arrays.fill(raw, (byte) 0);
            }
            cache.put(name, key);
            return key;
        }
    }

    static Wrapped read(Path file, String name) throws IOException {
        byte[] data = Files.readAllBytes(file);
        if (data.length != FILE_LENGTH || !Arrays.equals(Arrays.copyOf(data, 8), MAGIC) || data[8] != VERSION) {
            throw new IOException("not a data key file (or a newer format): " + file);
        }
        return new Wrapped(
                name,
                HexFormat.of().formatHex(data, 9, 17),
                Arrays.copyOfRange(data, 17, 29),
                Arrays.copyOfRange(data, 29, FILE_LENGTH));
    }

    static SecretKey unwrap(Wrapped wrapped, MasterKey master) throws IOException {
        if (!wrapped.masterKeyId().equals(master.id())) {
            throw new WrongKeyException("the data key " + wrapped.name() + " is wrapped by master key "
                    + wrapped.masterKeyId() + ", not by the key given (" + master.id() + ")");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, master.secretKey(), new GCMParameterSpec(128, wrapped.nonce()));
            c.updateAAD(aad(wrapped.name(), wrapped.masterKeyId()));
            return new SecretKeySpec(c.doFinal(wrapped.sealed()), "AES");
        } catch (javax.crypto.AEADBadTagException e) {
            throw new WrongKeyException("the data key " + wrapped.name() + " does not unwrap with master key "
                    + master.id() + " (the key file was changed, or moved from another item)");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot unwrap the data key " + wrapped.name() + ": " + e.getMessage(), e);
        }
    }

    static Wrapped wrap(String name, SecretKey key, MasterKey master) throws IOException {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, master.secretKey(), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(name, master.id()));
            return new Wrapped(name, master.id(), nonce, c.doFinal(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot wrap the data key " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] aad(String name, String masterKeyId) {
        return ("framewise data key v1|" + name + "|" + masterKeyId).getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes a key file in one step: a synced temporary file renamed over the old one. */
    static void write(Path file, Wrapped wrapped) throws IOException {
        PrivateFiles.directories(file.getParent());
        replace(file, wrapped);
    }

    /**
     * Replaces an existing key file in one step; a key whose folder is gone (its item was deleted
     * meanwhile) throws {@link java.nio.file.NoSuchFileException} rather than bringing the folder back.
     */
    static void replace(Path file, Wrapped wrapped) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(FILE_LENGTH);
        b.put(MAGIC).put((byte) VERSION).put(HexFormat.of().parseHex(wrapped.masterKeyId()));
        b.put(wrapped.nonce()).put(wrapped.sealed()).flip();
        Path tmp = file.resolveSibling("." + FILE_NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtRest.syncDir(file.getParent());
    }

    /** Thrown when a key does not open what it is asked to: the wrong master key, or tampering. */
    public static final class WrongKeyException extends IOException {
        WrongKeyException(String message) {
            super(message);
        }
    }
}
