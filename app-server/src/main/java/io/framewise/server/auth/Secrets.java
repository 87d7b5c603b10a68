package io.framewise.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer secrets (session, CSRF and API tokens): 256 random bits, URL-safe base64, stored only as
 * their SHA-256. A fast hash is enough here, unlike for passwords: the secret has full entropy,
 * so there is nothing to guess from the hash.
 */
final class Secrets {

    static final int BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Longer presented secrets are refused before hashing; real ones are 43 characters plus a prefix. */
    static final int MAX_PRESENTED_LENGTH = 200;

    private Secrets() {}

    /** A fresh secret: {@code prefix} then 43 URL-safe base64 characters. */
    static String newSecret(String prefix) {
        byte[] bytes = new byte[BITS / Byte.SIZE];
        RANDOM.nextBytes(bytes);
        return prefix + ENCODER.encodeToString(bytes);
    }

    /** The lowercase hex SHA-256 of {@code secret}'s UTF-8 bytes. */
    static String hash(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether two hex hashes are equal, in time that does not depend on where they differ. */
    static boolean sameHash(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a presented secret is worth hashing at all. */
    static boolean plausible(String presented) {
        return presented != null && !presented.isEmpty() && presented.length() <= MAX_PRESENTED_LENGTH;
    }
}
