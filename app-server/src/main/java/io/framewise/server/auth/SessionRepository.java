package io.framewise.server.auth;

import java.util.List;
import java.util.Optional;

/**
 * Where browser sessions are kept. It knows rows, not rules: which sessions count as live is
 * {@link SessionStore}'s decision, passed in as times.
 */
public interface SessionRepository {

    /** A stored session: the {@link Session} and the hash of its CSRF token, never the tokens. */
    record StoredSession(Session session, String csrfHash, boolean revoked) {}

    void insert(Session session, String csrfHash);

    /** The session whose id (the token's hash) is {@code id}, revoked or not. */
    Optional<StoredSession> find(String id);

    /** Notes that the session was used at {@code atMillis}. */
    void touch(String id, long atMillis);

    /** Marks a session revoked; false when there is no such session not already revoked. */
    boolean revoke(String id);

    /** Marks every session of {@code userId} revoked; returns how many were not already. */
    int revokeAllOf(String userId);

    /**
     * The sessions of {@code userId} neither revoked, nor expired at {@code nowMillis}, nor last seen
     * at or before {@code idleSinceMillis}; newest first.
     */
    List<Session> listLive(String userId, long nowMillis, long idleSinceMillis);

    /** Whether that session is live in the sense of {@link #listLive}. */
    boolean isLive(String id, long nowMillis, long idleSinceMillis);

    /** Deletes sessions revoked, expired at {@code nowMillis} or idle since {@code idleSinceMillis}; returns how many. */
    int deleteEnded(long nowMillis, long idleSinceMillis);
}
