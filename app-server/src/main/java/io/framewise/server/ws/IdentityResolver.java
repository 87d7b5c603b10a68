package io.framewise.server.ws;

import java.util.List;
import java.util.Map;

/**
 * Decides who a WebSocket client is from its handshake. Authentication plugs in here later; for
 * now {@link #displayNameFromQuery()} takes the name the client gives.
 */
@FunctionalInterface
public interface IdentityResolver {

    int MAX_NAME_LENGTH = 64;

    /**
     * The handshake as the resolver sees it: query parameters, request headers, and the attributes
     * the upgrade check left (the authenticated principal, under {@link #PRINCIPAL_ATTRIBUTE}).
     */
    record Handshake(Map<String, List<String>> query, Map<String, String> headers, Map<String, Object> attributes) {}

    String PRINCIPAL_ATTRIBUTE = "framewise.ws.principal";

    /** Thrown when a client may not connect; the message goes to the client as the close reason. */
    final class Rejected extends Exception {
        public Rejected(String message) {
            super(message, null, false, false);
        }
    }

    Identity resolve(Handshake handshake) throws Rejected;

    /**
     * The person the upgrade check authenticated (see {@link WebSocketEndpoint}'s upgrade hook);
     * rejects a handshake that arrives without one.
     */
    static IdentityResolver authenticatedPrincipal() {
        return handshake -> {
            Object principal = handshake.attributes().get(PRINCIPAL_ATTRIBUTE);
            if (principal instanceof io.framewise.server.access.Principal.Person person) {
                return Identity.of(person);
            }
            if (principal instanceof io.framewise.server.access.Principal.Guest guest) {
                return Identity.of(guest);
            }
            throw new Rejected("sign in first");
        };
    }

    /**
     * A guest named by {@code ?name=}: 1..64 characters without control characters, trimmed; a
     * client that gives no name is called "Guest".
     */
    static IdentityResolver displayNameFromQuery() {
        return handshake -> {
            List<String> names = handshake.query().getOrDefault("name", List.of());
            if (names.size() > 1) {
                throw new Rejected("give one name, not " + names.size());
            }
            String name = names.isEmpty() ? "Guest" : names.get(0).strip();
            if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
                throw new Rejected("name must be 1.." + MAX_NAME_LENGTH + " characters");
            }
            if (name.codePoints().anyMatch(Character::isISOControl)) {
                throw new Rejected("name must not contain control characters");
            }
            return Identity.guest(name);
        };
    }
}
