package io.framewise.server.idempotency;

import io.framewise.server.http.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's {@code Idempotency-Key} and what the server derives from it. The key itself is never
 * stored: the table holds its hash, an HMAC of the request under it (to tell a repeat from a
 * different request) and the answer sealed with AES-GCM under a key derived from it, bound to the
 * principal. Whoever reads the database learns nothing of the answers, which can hold a secret (a
 * new API token), without the keys only the clients know.
 */
final class IdempotencyKey {

    /** The request header. */
    static final String HEADER = "Idempotency-Key";

    /** The longest key taken. */
    static final int MAX_LENGTH = 255;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] master;

    private IdempotencyKey(byte[] master) {
        this.master = master;
    }

    /**
     * The key from the header's value: 1 to {@value #MAX_LENGTH} printable ASCII characters, taken
     * as sent or as a quoted string (the structured-field form).
     *
     * @throws ApiException.BadRequest naming the header when the value is not a key
     */
    static IdempotencyKey parse(String header) {
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw invalid("must be 1 to " + MAX_LENGTH + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw invalid("must be printable ASCII characters (a UUID is a good key)");
            }
        }
        return new IdempotencyKey(sha256(value.getBytes(StandardCharsets.US_ASCII)));
    }

    private static ApiException.BadRequest invalid(String why) {
        return new ApiException.BadRequest(HEADER + " " + why, Map.of("header", HEADER), null);
    }

    /** What the table stores in place of the key. */
    String hash() {
        return HexFormat.of().formatHex(hmac(master, "key".getBytes(StandardCharsets.US_ASCII)));
    }

    /** The request's fingerprint under this key: equal for a repeat, different for another request. */
    String fingerprint(byte[] request) {
        byte[] requestKey = hmac(master, "request".getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(hmac(requestKey, request));
    }

    /** {@code answer} sealed for {@code principal}: base64 of a fresh nonce and the AES-GCM ciphertext. */
    String seal(byte[] answer, String principal) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, principal);
            byte[] sealed = cipher.doFinal(answer);
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java", e);
        }
    }

    /**
     * The answer sealed by {@link #seal} for {@code principal}.
     *
     * @throws IllegalArgumentException when it was sealed under another key or principal, or altered
     */
    byte[] open(String sealed, String principal) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the stored answer is not base64", e);
        }
        if (all.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("the stored answer is too short");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, nonce, principal).doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the stored answer does not open under this key", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String principal) throws GeneralSecurityException {
        byte[] aesKey = hmac(master, "answer".getBytes(StandardCharsets.US_ASCII));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        // Bound to whose answer it is: a row moved to another principal does not open.
        cipher.updateAAD(principal.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
