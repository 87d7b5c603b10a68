package io.framewise.server.access;

import java.util.Objects;

/**
 * Who is asking. Every request and WebSocket connection has exactly one; authorization decides on
 * it alone.
 */
public sealed interface Principal permits Principal.Person, Principal.Guest, Principal.Anonymous {

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

    /**
     * A share link's guest, in one guest session: sees the media inside the link and does what its
     * rights allow there, nothing else ({@link GuestPolicy}). Built fresh from the link on every
     * request, so an edit of the link's rights or its revocation takes effect at once.
     *
     * @param guestId the guest session (one view of the link)
     * @param email the e-mail the guest gave, or null
     * @param onBehalfOf the link's creator: notes need an account, and a guest's notes are filed under
     *     it (marked as the guest's)
     * @param credential kind {@link Credential.Kind#GUEST}, id the guest session
     */
    record Guest(
            String shareId,
            String guestId,
            String name,
            String email,
            java.util.Set<GuestRight> rights,
            boolean live,
            String onBehalfOf,
            Credential credential)
            implements Principal {
        public Guest {
            Objects.requireNonNull(shareId, "shareId");
            Objects.requireNonNull(guestId, "guestId");
            Objects.requireNonNull(name, "name");
            rights = java.util.Set.copyOf(rights);
            Objects.requireNonNull(onBehalfOf, "onBehalfOf");
            Objects.requireNonNull(credential, "credential");
        }

        public boolean may(GuestRight right) {
            return rights.contains(right);
        }

        /** How the audit log names a guest: not an account id, so it cannot be mistaken for one. */
        public String auditId() {
            return "guest:" + guestId;
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
            PROXY,
            /** A share link's guest session (cookie or bearer guest token). */
            GUEST
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
