package io.framewise.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.http.Json;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sink for what happened in the library: a change's activity entry is appended to the feed
 * inside the caller's unit of work, and the live event goes out only after that unit commits. So
 * the feed never lacks a change that was stored, and no client hears of one that was rolled back.
 */
public final class DomainEvents {

    private static final Logger LOG = LoggerFactory.getLogger(DomainEvents.class);

    private final EventRepository feed;
    private final UnitOfWork work;
    private final Consumer<LibraryEvent> library;
    private final Consumer<NoteEvent> notes;
    private final ObjectMapper json = Json.newMapper();

    public DomainEvents(
            EventRepository feed, UnitOfWork work, Consumer<LibraryEvent> library, Consumer<NoteEvent> notes) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.work = Objects.requireNonNull(work, "work");
        this.library = guarded(Objects.requireNonNull(library, "library"));
        this.notes = guarded(Objects.requireNonNull(notes, "notes"));
    }

    /**
     * A listener that fails is logged, not thrown: the change it tells of is already stored, so the
     * caller (a request, a job) must not see it fail. This holds outside a unit of work too, where a
     * passing event (progress) is published at once.
     */
    private static <E> Consumer<E> guarded(Consumer<E> listener) {
        return event -> {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("Publishing {} failed", event, e);
            }
        };
    }

    /** Records {@code event} as the feed entry {@code media.<kind>} with {@code payload}, then publishes it. */
    public void media(LibraryEvent event, Map<String, ?> payload) {
        work.inTransaction(() -> feed.append(
                "media." + event.kind().wireName(), event.mediaId(), event.assetId(), payloadJson(payload)));
        work.afterCommit(() -> library.accept(event));
    }

    /**
     * Records a removal as the feed entry {@code media.<kind>} in the caller's unit of work without
     * publishing it: the caller announced it with {@link #transientMedia} before the unit began, while
     * the item could still be looked up to decide who may hear of it (afterwards nobody could).
     */
    public void recordOnly(LibraryEvent event, Map<String, ?> payload) {
        work.inTransaction(() -> feed.append(
                "media." + event.kind().wireName(), event.mediaId(), event.assetId(), payloadJson(payload)));
    }

    /** Records {@code event} as the feed entry {@code note.<kind>} with {@code payload}, then publishes it. */
    public void note(NoteEvent event, Map<String, ?> payload) {
        work.inTransaction(() ->
                feed.append("note." + event.kind().wireName(), event.mediaId(), event.assetId(), payloadJson(payload)));
        work.afterCommit(() -> notes.accept(event));
    }

    /** Publishes a passing event that the feed does not keep (processing progress), after any open unit commits. */
    public void transientMedia(LibraryEvent event) {
        work.afterCommit(() -> library.accept(event));
    }

    private String payloadJson(Map<String, ?> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An event payload must be JSON: " + e.getOriginalMessage(), e);
        }
    }
}
