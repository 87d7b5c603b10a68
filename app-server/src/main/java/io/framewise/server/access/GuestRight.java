package io.framewise.server.access;

import java.util.Locale;
import java.util.Optional;

/** What a share link lets its guests do, beyond seeing what it shows. */
public enum GuestRight {
    /** Play, step and see the stills of the media inside the link (every link has it). */
    VIEW("view"),
    /** Read the notes, add notes and replies. */
    COMMENT("comment"),
    /** Set the approval of the versions the link shows. */
    APPROVE("approve"),
    /** Download the original file. */
    DOWNLOAD("download"),
    /** Download the proxy rendition. */
    DOWNLOAD_PROXY("downloadProxy");

    private final String wire;

    GuestRight(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<GuestRight> fromWire(String text) {
        for (GuestRight r : values()) {
            if (r.wire.equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
