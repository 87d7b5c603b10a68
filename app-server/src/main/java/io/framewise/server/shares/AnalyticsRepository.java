package io.framewise.server.shares;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What guests of a link did, as recorded by the guest side. */
public interface AnalyticsRepository {

    /** One guest session (one view) with its totals. */
    record Session(
            String guestId,
            String name,
            String email,
            Instant firstSeen,
            Instant lastSeen,
            long watchMillis,
            int downloads,
            int notes) {}

    /** A watched range of frames, [from, to). */
    record Range(long from, long to) {}

    /** The link's guest sessions, oldest first. */
    List<Session> sessions(String shareId);

    /** The frame ranges guests of the link watched on the media item. */
    List<Range> watched(String shareId, String mediaId);

    /** The media item of the link watched most (by heartbeats), if any was. */
    Optional<String> mostWatchedMedia(String shareId);
}
