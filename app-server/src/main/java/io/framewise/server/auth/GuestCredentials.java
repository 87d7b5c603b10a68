package io.framewise.server.auth;

import io.framewise.server.access.Principal;
import java.util.Optional;

/**
 * Share-link guest sessions as the {@link Authenticator} sees them: a presented guest token (the
 * {@value #COOKIE} cookie, or {@code Authorization: Bearer} with the {@value #PREFIX} prefix) and
 * whether a guest session still stands. The guests feature implements it.
 */
public interface GuestCredentials {

    /** The HttpOnly cookie a browser's guest session travels in. */
    String COOKIE = "fw_guest";

    /** Every guest token starts with this, so it is never taken for an API token. */
    String PREFIX = "fwg_";

    /** No guests (servers and tests without share links). */
    GuestCredentials NONE = new GuestCredentials() {
        @Override
        public Optional<Principal.Guest> authenticate(String token) {
            return Optional.empty();
        }

        @Override
        public boolean isLive(String guestId) {
            return false;
        }
    };

    /** The guest a token belongs to, when its session and link still stand. */
    Optional<Principal.Guest> authenticate(String token);

    /** Whether the guest session still stands (not ended, not expired, its link not revoked or expired). */
    boolean isLive(String guestId);
}
