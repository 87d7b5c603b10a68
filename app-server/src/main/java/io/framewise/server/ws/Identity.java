package io.framewise.server.ws;

import io.framewise.server.access.Principal;
import java.util.Objects;

/**
 * Who is on a connection: the principal the handshake authenticated (every message is authorized
 * on it) and the name other people in a session see.
 *
 * @param userId the authenticated user, or null for a guest known only by name
 */
public record Identity(String userId, String displayName, Principal principal) {

    public Identity {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(principal, "principal");
    }

    /** A guest known only by name (servers without the access layer, tests). */
    public static Identity guest(String displayName) {
        return new Identity(null, displayName, Principal.ANONYMOUS);
    }

    /** A share link's guest, shown by the name they gave; named in presence by their guest session. */
    public static Identity of(Principal.Guest guest) {
        return new Identity(guest.auditId(), guest.name() + " (guest)", guest);
    }

    /** A signed-in person. */
    public static Identity of(Principal.Person person) {
        return new Identity(person.userId(), person.displayName(), person);
    }
}
