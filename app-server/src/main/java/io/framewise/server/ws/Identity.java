package io.framewise.server.ws;

import java.util.Objects;

/**
 * Who is on a connection. Until accounts exist this is only a display name; {@code userId} is the
 * seam where an authenticated user will appear.
 *
 * @param userId the authenticated user, or null for a guest known only by name
 */
public record Identity(String userId, String displayName) {

    public Identity {
        Objects.requireNonNull(displayName, "displayName");
    }

    public static Identity guest(String displayName) {
        return new Identity(null, displayName);
    }
}
