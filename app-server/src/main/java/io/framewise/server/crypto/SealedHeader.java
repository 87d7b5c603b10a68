package io.framewise.server.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 128-byte header of a sealed file, and the chunk arithmetic that follows from it.
 *
 * <pre>
 *   0  "FWSEALED"                 8  magic
 *   8  version (1)                1
 *   9  reserved (0)               3
 *  12  plain bytes per chunk      4  (4 KiB .. 16 MiB; 64 KiB by default)
 *  16  plain size                 8
 *  24  file salt                 16  file key = HMAC-SHA256(data key, "framewise file key v1" || salt)
 *  40  nonce prefix               4  chunk nonce = prefix || chunk index (8, big-endian)
 *  44  key name length            1
 *  45  key name (ASCII)        ≤ 64  which data key: media/&lt;id&gt; or encryption
 * 109  zero padding up to 128
 * then chunk i: ciphertext of plain bytes [i*chunk, min((i+1)*chunk, size)) and a 16-byte GCM tag.
 * </pre>
 *
 * Each chunk's associated data is the whole header, its index and a last-chunk flag: a chunk moved
 * to another place, a file cut after a chunk, or a header changed (size, chunking, key) fails to
 * authenticate. An empty file has one empty last chunk, so even it cannot be cut.
 */
record SealedHeader(int chunkSize, long plainSize, byte[] salt, byte[] noncePrefix, String keyName, byte[] bytes) {

    static final int LENGTH = 128;
    static final int TAG = 16;
    static final int DEFAULT_CHUNK = 64 * 1024;
    static final byte[] MAGIC = "FWSEALED".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new header for a file of {@code plainSize} bytes under the named data key. */
    static SealedHeader create(long plainSize, int chunkSize, String keyName) {
        DataKeys.checkName(keyName);
        byte[] salt = new byte[16];
        byte[] prefix = new byte[4];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(prefix);
        byte[] name = keyName.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(MAGIC).put((byte) VERSION).put(new byte[3]).putInt(chunkSize).putLong(plainSize);
        b.put(salt).put(prefix).put((byte) name.length).put(name);
        return new SealedHeader(chunkSize, plainSize, salt, prefix, keyName, b.array());
    }

    /** Whether the first bytes of a file say it is sealed. */
    static boolean isSealed(byte[] start, int length) {
        return length >= MAGIC.length && Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Parses and checks a header; the file's length must match it exactly. */
    static SealedHeader parse(byte[] bytes, long fileLength, Path file) throws IOException {
        if (bytes.length != LENGTH || !isSealed(bytes, bytes.length)) {
            throw new IOException(file + " is not a sealed file");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.position(8);
        int version = b.get();
        if (version != VERSION) {
            throw new IOException(file + " is sealed in format " + version + ", which this version cannot read");
        }
        b.position(12);
        int chunk = b.getInt();
        long size = b.getLong();
        byte[] salt = new byte[16];
        byte[] prefix = new byte[4];
        b.get(salt).get(prefix);
        int nameLength = b.get() & 0xff;
        if (chunk < 4096 || chunk > (16 << 20) || size < 0 || nameLength == 0 || nameLength > 64) {
            throw new IOException(file + " has a damaged sealed header");
        }
        byte[] name = new byte[nameLength];
        b.get(name);
        String keyName = new String(name, StandardCharsets.US_ASCII);
        try {
            DataKeys.checkName(keyName);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has a damaged sealed header: " + e.getMessage());
        }
        SealedHeader h = new SealedHeader(chunk, size, salt, prefix, keyName, bytes.clone());
        if (fileLength != h.sealedLength()) {
            throw new IOException(file + " is " + fileLength + " bytes but its header says " + h.sealedLength()
                    + ": the sealed file was cut or extended");
        }
        return h;
    }

    long chunkCount() {
        return plainSize == 0 ? 1 : (plainSize + chunkSize - 1) / chunkSize;
    }

    /** The plain bytes chunk {@code i} holds. */
    int plainLength(long i) {
        return (int) Math.min(chunkSize, plainSize - i * chunkSize);
    }

    long chunkOffset(long i) {
        return LENGTH + i * (long) (chunkSize + TAG);
    }

    long sealedLength() {
        return LENGTH + plainSize + chunkCount() * TAG;
    }

    byte[] nonce(long i) {
        return ByteBuffer.allocate(12).put(noncePrefix).putLong(i).array();
    }

    byte[] aad(long i) {
        return ByteBuffer.allocate(LENGTH + 9)
                .put(bytes)
                .putLong(i)
                .put((byte) (i == chunkCount() - 1 ? 1 : 0))
                .array();
    }

    /** This file's own key, so that no two files of one item share a (key, nonce) pair. */
    SecretKey fileKey(SecretKey dataKey) throws IOException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(dataKey);
            mac.update("framewise file key v1".getBytes(StandardCharsets.US_ASCII));
            return new SecretKeySpec(mac.doFinal(salt), "AES");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot derive the file key: " + e.getMessage(), e);
        }
    }
}
