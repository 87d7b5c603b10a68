package io.framewise.server.idempotency;

import java.util.Optional;

/**
 * Remembered answers of idempotent requests, per principal and key hash. {@link #store} runs in the
 * caller's transaction, the one that holds the request's change.
 */
public interface IdempotencyRepository {

    /** The answer stored for the key at or after {@code notBeforeMillis}; older ones no longer count. */
    Optional<StoredAnswer> find(String principal, String keyHash, long notBeforeMillis);

    /**
     * Stores an answer, replacing one older than {@code notBeforeMillis}.
     *
     * @return false (storing nothing) when a current answer for the key exists: another request with
     *     the key finished first
     */
    boolean store(String principal, String keyHash, StoredAnswer answer, long notBeforeMillis);

    /** Deletes the answers stored before {@code cutoffMillis}. @return how many */
    int deleteOlderThan(long cutoffMillis);
}
