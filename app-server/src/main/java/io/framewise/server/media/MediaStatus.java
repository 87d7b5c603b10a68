package io.framewise.server.media;

import java.util.Locale;

/** Where a media item is in processing. Stored and sent as the lowercase name. */
public enum MediaStatus {
    /** Uploaded; probe and frame map are not done yet. */
    PROCESSING,
    /** Probed and frame-mapped: it can be played and stepped frame by frame. */
    READY,
    /** Processing gave up; the item carries the reason. */
    FAILED;

    /** The stored and wire form, e.g. {@code "ready"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status whose {@link #wire()} form is {@code text}. */
    public static MediaStatus fromWire(String text) {
        for (MediaStatus s : values()) {
            if (s.wire().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be processing, ready or failed, got " + text);
    }
}
