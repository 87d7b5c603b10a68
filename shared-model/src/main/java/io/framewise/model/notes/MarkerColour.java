package io.framewise.model.notes;

import java.util.Locale;
import java.util.Optional;

/**
 * The colour of a note's marker, from one neutral palette.
 *
 * <p>Editing applications each have their own marker colours (Avid's eight locator colours,
 * Resolve's sixteen, Premiere's eight). Notes keep one palette, OpenTimelineIO's, so a colour read
 * from one tool's file can be written to another's; each importer and exporter maps its tool's
 * names onto this list and back.
 */
public enum MarkerColour {
    RED,
    PINK,
    ORANGE,
    YELLOW,
    GREEN,
    CYAN,
    BLUE,
    PURPLE,
    MAGENTA,
    BLACK,
    WHITE;

    /** The name used in JSON and the database: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The colour named {@code text} (any case, surrounding blanks ignored), if it is one of ours. */
    public static Optional<MarkerColour> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (MarkerColour c : values()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
