package io.framewise.organizer.sdk;

import java.util.Objects;

/**
 * Who is asking: a signed-in person, or nobody.
 *
 * @param userId the user's opaque id, empty when nobody is signed in
 * @param admin whether the user administers the server
 */
public record Principal(String userId, String name, String displayName, boolean admin) {

    public Principal {
        userId = Objects.requireNonNullElse(userId, "");
        name = Objects.requireNonNullElse(name, "");
        displayName = Objects.requireNonNullElse(displayName, "");
    }

    public static Principal anonymous() {
        return new Principal("", "", "", false);
    }

    public boolean isAnonymous() {
        return userId.isEmpty();
    }
}
