package io.framewise.server.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The library's master key: 32 random bytes that wrap every media item's data key and nothing else.
 * It comes from a key file that only its owner may read ({@code --key-file}) or from {@code
 * FRAMEWISE_MASTER_KEY} (base64); it is never written into the data folder.
 */
public final class MasterKey {

    public static final int LENGTH = 32;
    public static final String ENVIRONMENT = "FRAMEWISE_MASTER_KEY";
    /** The old key during a rotation (base64), as {@code --previous-key-file}. */
    public static final String PREVIOUS_ENVIRONMENT = "FRAMEWISE_PREVIOUS_MASTER_KEY";

    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException(
                    "a master key is " + LENGTH + " bytes (or their base64), this one is " + key.length + " bytes");
        }
        this.key = key.clone();
        this.id = idOf(key);
    }

    /** A key from its bytes (tests, and a key read by the caller). */
    public static MasterKey of(byte[] key) {
        return new MasterKey(key);
    }

    /** A key from base64 text, as {@code FRAMEWISE_MASTER_KEY} holds it. */
    public static MasterKey fromBase64(String text) {
        try {
            return new MasterKey(Base64.getDecoder().decode(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the master key is not base64 of " + LENGTH + " bytes: " + e.getMessage());
        }
    }

    /**
     * Reads a key file: exactly 32 bytes, or their base64 on one line. A file that group or others may
     * read is refused, as an ssh client refuses a private key: the key is the whole protection.
     */
    public static MasterKey fromFile(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("the key file " + file + " does not exist");
            }
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.contains(PosixFilePermission.GROUP_READ)
                        || perms.contains(PosixFilePermission.OTHERS_READ)
                        || perms.contains(PosixFilePermission.GROUP_WRITE)
                        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    throw new IllegalArgumentException("the key file " + file + " may be read by others ("
                            + PosixFilePermissions.toString(perms) + "): chmod 600 it");
                }
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its own access control applies.
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == LENGTH) {
                return new MasterKey(bytes);
            }
            return fromBase64(new String(bytes, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + ": " + e.getMessage());
        }
    }

    /** Writes a fresh random key, base64, to a new file only its owner may read. */
    public static MasterKey generate(Path file) throws IOException {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a key file is never overwritten");
        }
        Files.writeString(file, "", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system.
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardOpenOption.WRITE);
        MasterKey key = new MasterKey(bytes);
        Arrays.fill(bytes, (byte) 0);
        return key;
    }

    /** A short public name of the key (a hash prefix), stored beside what it wraps. */
    public String id() {
        return id;
    }

    byte[] idBytes() {
        return HexFormat.of().parseHex(id);
    }

    SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("framewise master key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(sha.digest(key), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "master key " + id;
    }
}
