package io.framewise.server.auth;

import java.time.Instant;

/**
 * A user as the accounts feature sees them.
 *
 * @param name the canonical login name ({@link UserNames#canonical})
 * @param displayName the name as typed (NFKC)
 * @param hasPassword whether the account can log in with a password at all
 */
public record Account(
        String id,
        String name,
        String displayName,
        boolean admin,
        boolean disabled,
        boolean hasPassword,
        Instant created,
        Instant updated) {}
