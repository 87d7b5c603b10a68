package io.framewise.server.live;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, unguessable, URL-safe ids: 128 bits from a {@link SecureRandom}, 22 characters. */
public final class SecureIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SecureIds() {}

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
