package io.framewise.server.auth;

import java.util.List;
import java.util.Optional;

/**
 * Where personal API tokens are kept: only the SHA-256 of each token, never the token. Which token
 * still authenticates is {@link TokenStore}'s rule.
 */
public interface TokenRepository {

    /** A stored token with the hash it is found by. */
    record StoredToken(ApiToken token, String tokenHash) {}

    void insert(ApiToken token, String tokenHash);

    /** The owner's tokens, newest first, revoked and expired ones included. */
    List<ApiToken> listByOwner(String userId);

    /** The token whose hash is {@code tokenHash}, in whatever state. */
    Optional<StoredToken> findByHash(String tokenHash);

    /** Marks the token {@code id} of {@code userId} revoked; false when that owner has no such token. */
    boolean revoke(String userId, String id);

    /** Marks every token of {@code userId} revoked; returns how many were not already. */
    int revokeAllOf(String userId);

    /** Whether the token is neither revoked nor expired at {@code nowMillis}. */
    boolean isLive(String id, long nowMillis);

    /** Notes that the token authenticated a request at {@code atMillis}. */
    void markUsed(String id, long atMillis);
}
