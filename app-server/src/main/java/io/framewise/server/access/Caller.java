package io.framewise.server.access;

import io.framewise.server.http.ApiException;
import java.util.Objects;

/**
 * Who asks a service for something and from where: the principal the request or connection was
 * authenticated as, and the client address its audit entries record. Services take one instead of
 * a request, so the same rules hold for HTTP, WebSocket messages and the desktop's embedded server.
 *
 * @param address the client address (see {@link Access#clientAddress}), or null when there is none
 */
public record Caller(Principal principal, String address) {

    public Caller {
        Objects.requireNonNull(principal, "principal");
    }

    /** The signed-in person; 401 when nobody is signed in. */
    public Principal.Person person() {
        if (principal instanceof Principal.Person person) {
            return person;
        }
        throw new ApiException.Unauthenticated("Sign in first.");
    }
}
