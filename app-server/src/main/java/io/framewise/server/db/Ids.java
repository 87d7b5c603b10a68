package io.framewise.server.db;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Row ids: 128 random bits from {@link SecureRandom}, URL-safe base64 without padding (22 characters).
 * Never sequential, so an id in a URL says nothing about how many others exist and cannot be guessed.
 */
public final class Ids {

    /** Bits of randomness in every id. */
    public static final int BITS = 128;

    /** Characters of an id: 128 bits in base64 need 22 six-bit characters. */
    public static final int LENGTH = 22;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");

    private Ids() {}

    /** A fresh random id. */
    public static String newId() {
        byte[] bytes = new byte[BITS / Byte.SIZE];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether {@code text} has the shape of an id (a cheap check before any lookup). */
    public static boolean isValid(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** {@code value} when it has the shape of an id; otherwise an error naming {@code field}. */
    public static String require(String field, String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(field + " must be an id of " + LENGTH + " URL-safe characters, got "
                    + (value == null ? "nothing" : "'" + Require.abbreviate(value) + "'"));
        }
        return value;
    }

    /** Like {@link #require} but allows {@code null} (an absent optional reference). */
    public static String optional(String field, String value) {
        return value == null ? null : require(field, value);
    }
}
