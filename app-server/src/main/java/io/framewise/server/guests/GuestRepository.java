package io.framewise.server.guests;

import java.time.Instant;
import java.util.Optional;

/** Guest sessions of share links and what the guests did. */
public interface GuestRepository {

    /**
     * A guest session as stored.
     *
     * @param email the e-mail the guest gave, or null
     * @param ended when the session was ended (its link revoked), or null
     */
    record GuestSession(
            String id,
            String shareId,
            String name,
            String email,
            Instant created,
            Instant lastSeen,
            Instant expires,
            Instant ended) {

        public boolean usableAt(Instant now) {
            return ended == null && expires.isAfter(now);
        }
    }

    /** Stores a new session with the SHA-256 of its token. */
    void insert(GuestSession session, String sessionHash, String address);

    Optional<GuestSession> findBySessionHash(String sessionHash);

    Optional<GuestSession> get(String id);

    /** Notes that the guest was seen at {@code at}. */
    void touch(String id, Instant at);

    /** Ends every open session of the link; returns how many. */
    int endAll(String shareId, Instant at);

    /** Adds a heartbeat: watched frames [from, to) of the media item and the time it took. */
    void addWatch(String guestId, String mediaId, long from, long to, long millis, Instant at);

    /** Counts one download. */
    void addDownload(String guestId);
}
