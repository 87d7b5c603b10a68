package io.framewise.server.events;

import java.util.Objects;

/**
 * A note on a media item was created, updated, resolved or deleted; sent as {@code note.event} to
 * subscribers of the library, the asset and the media item.
 *
 * @param note the note as the REST API renders it (serialised with Jackson), or null for deleted
 */
public record NoteEvent(Kind kind, String noteId, String mediaId, String assetId, Object note) {

    public enum Kind {
        CREATED,
        UPDATED,
        RESOLVED,
        DELETED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public NoteEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(mediaId, "mediaId");
    }
}
