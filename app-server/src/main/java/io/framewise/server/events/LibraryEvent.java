package io.framewise.server.events;

import java.util.Objects;

/**
 * Something happened to a media item in the library; published through {@link io.framewise.server.ws.EventHub} to
 * subscribers of the library, of the item's asset and of the item. Sent as {@code library.event}.
 *
 * @param assetId the asset holding the item, or null
 * @param name the item's display name (for {@code added}), or null
 * @param stage the processing stage (probe, frame map, proxy ...) for {@code progress}, or null
 * @param progress fraction done 0..1 for {@code progress}, or null
 * @param reason why it failed, for {@code failed}, or null
 */
public record LibraryEvent(
        Kind kind, String mediaId, String assetId, String name, String stage, Double progress, String reason) {

    public enum Kind {
        ADDED,
        PROGRESS,
        READY,
        FAILED,
        REMOVED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LibraryEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mediaId, "mediaId");
        if (progress != null && !(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be within 0..1, got " + progress);
        }
    }

    public static LibraryEvent added(String mediaId, String assetId, String name) {
        return new LibraryEvent(Kind.ADDED, mediaId, assetId, name, null, null, null);
    }

    public static LibraryEvent progress(String mediaId, String assetId, String stage, double fraction) {
        return new LibraryEvent(Kind.PROGRESS, mediaId, assetId, null, stage, fraction, null);
    }

    public static LibraryEvent ready(String mediaId, String assetId) {
        return new LibraryEvent(Kind.READY, mediaId, assetId, null, null, null, null);
    }

    public static LibraryEvent failed(String mediaId, String assetId, String reason) {
        return new LibraryEvent(Kind.FAILED, mediaId, assetId, null, null, null, reason);
    }

    public static LibraryEvent removed(String mediaId, String assetId) {
        return new LibraryEvent(Kind.REMOVED, mediaId, assetId, null, null, null, null);
    }
}
