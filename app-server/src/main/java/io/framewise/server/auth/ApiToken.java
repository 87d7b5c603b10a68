package io.framewise.server.auth;

import java.time.Instant;

/**
 * A personal API token as listed to its owner: never the token itself, which exists only in the
 * {@link IssuedToken} answer that created it.
 *
 * @param expires when it stops working; {@code null} for never
 * @param lastUsed the last time it authenticated a request; {@code null} if never
 */
public record ApiToken(
        String id, String userId, String name, Instant created, Instant expires, Instant lastUsed, boolean revoked) {

    /** Whether it still authenticates at {@code now}. */
    public boolean usableAt(Instant now) {
        return !revoked && (expires == null || now.isBefore(expires));
    }
}
