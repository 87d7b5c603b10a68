package io.framewise.server.shares;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored share links. */
public interface ShareRepository {

    /** Stores a new link with the SHA-256 of its token. */
    void insert(Share share, String tokenHash);

    Optional<Share> get(String id);

    /** The link whose token hashes to this, revoked or not. */
    Optional<Share> findByTokenHash(String tokenHash);

    /** Links, newest first: of one target, or every link when both are null. */
    List<Share> list(Share.TargetType targetType, String targetId);

    /** Replaces the link's changeable fields (expiry, password, rights, limits, flags, title). */
    void update(Share share);

    /** Marks the link revoked at {@code at}; false when it was already revoked or does not exist. */
    boolean revoke(String id, Instant at);

    /**
     * Counts one view if the link may still be opened at {@code now} (not revoked, not expired, views
     * left), in one statement, so parallel guests cannot open more views than the limit.
     */
    boolean countView(String id, Instant now);
}
