package io.framewise.server.shares;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets of share links and guest sessions: 256 random bits from {@link SecureRandom},
 * URL-safe base64 after a recognisable prefix, kept only as their SHA-256. A fast hash is enough
 * (unlike for passwords): with full entropy there is nothing to guess from the hash, and a lookup
 * by hash does not leak the secret through timing.
 */
public final class LinkSecrets {

    public static final int BITS = 256;
    /** Longer presented secrets are refused before hashing; real ones are 43 characters plus a prefix. */
    public static final int MAX_PRESENTED_LENGTH = 200;

    /** Every share link token starts with this (guest tokens with {@code fwg_}). */
    public static final String LINK_PREFIX = "fws_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private LinkSecrets() {}

    /** A fresh secret: {@code prefix} then 43 URL-safe base64 characters. */
    public static String newSecret(String prefix) {
        byte[] bytes = new byte[BITS / Byte.SIZE];
        RANDOM.nextBytes(bytes);
        return prefix + ENCODER.encodeToString(bytes);
    }

    /** The lowercase hex SHA-256 of the secret's UTF-8 bytes. */
    public static String hash(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether a presented secret with this prefix is worth hashing at all. */
    public static boolean plausible(String presented, String prefix) {
        return presented != null
                && presented.length() <= MAX_PRESENTED_LENGTH
                && presented.startsWith(prefix)
                && presented.length() > prefix.length();
    }
}
