package io.framewise.server.access;

import java.util.Objects;

/**
 * Who is asking. Every request and WebSocket connection has exactly one; authorization decides on
 * it alone. Share-link guests (a later capability) become one more permitted kind.
 */
public sealed interface Principal permits Principal.Person, Principal.Anonymous {

    /** Nobody signed in. */
    Anonymous ANONYMOUS = new Anonymous();

    /** An account, and the credential it came with (so revoking the credential can end its connections). */
    record Person(String userId, String name, String displayName, boolean admin, Credential credential)
            implements Principal {
        public Person {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(credential, "credential");
        }
    }

    /** The absence of a signed-in user. */
    record Anonymous() implements Principal {}

    /**
     * How a person proved who they are.
     *
     * @param id the session id or token id for revocable credentials, else null
     */
    record Credential(Kind kind, String id) {
        public enum Kind {
            /** The {@code none} mode's implicit local user. */
            LOCAL,
            /** A browser session cookie. */
            SESSION,
            /** A personal API token. */
            TOKEN,
            /** Headers from a trusted reverse proxy. */
            PROXY
        }

        public Credential {
            Objects.requireNonNull(kind, "kind");
        }

        public static Credential local() {
            return new Credential(Kind.LOCAL, null);
        }
    }

    /** The user id, or null when anonymous. */
    default String userIdOrNull() {
        return this instanceof Person p ? p.userId() : null;
    }
}
