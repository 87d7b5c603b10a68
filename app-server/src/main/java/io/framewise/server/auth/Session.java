package io.framewise.server.auth;

import java.time.Instant;

/**
 * A browser login. {@code id} is the SHA-256 of the session token (safe to log and to use as a
 * handle for "revoke this session"); the tokens themselves are only in {@link NewSession}.
 *
 * @param expires the absolute limit, whatever the activity
 */
public record Session(String id, String userId, Instant created, Instant lastSeen, Instant expires) {}
