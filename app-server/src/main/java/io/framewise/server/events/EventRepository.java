package io.framewise.server.events;

import java.util.List;

/** The append-only activity feed. */
public interface EventRepository {

    /** Appends an event with the next sequence number. */
    Event append(String kind, String mediaId, String assetId, String payloadJson);

    /** Up to {@code limit} (1 to 1000) events after {@code sequence}, oldest first. */
    List<Event> listSince(long sequence, int limit);

    /** The newest event's sequence, 0 when there is none. */
    long latestSequence();
}
