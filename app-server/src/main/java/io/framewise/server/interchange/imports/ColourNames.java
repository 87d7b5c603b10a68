package io.framewise.server.interchange.imports;

import io.framewise.model.notes.MarkerColour;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the marker colour names editing tools write onto the notes' palette ({@link MarkerColour},
 * OpenTimelineIO's): Avid/CMX locator colours, Resolve's sixteen {@code ResolveColor...} names,
 * Final Cut's and OTIO's. A name no tool uses gives no colour (the note keeps the default) rather
 * than a guess.
 */
final class ColourNames {

    // Resolve's pastel and earth tones go to the nearest of the palette's hues.
    private static final Map<String, MarkerColour> NAMES = Map.ofEntries(
            Map.entry("RED", MarkerColour.RED),
            Map.entry("PINK", MarkerColour.PINK),
            Map.entry("ROSE", MarkerColour.PINK),
            Map.entry("ORANGE", MarkerColour.ORANGE),
            Map.entry("SAND", MarkerColour.ORANGE),
            Map.entry("COCOA", MarkerColour.ORANGE),
            Map.entry("YELLOW", MarkerColour.YELLOW),
            Map.entry("LEMON", MarkerColour.YELLOW),
            Map.entry("CREAM", MarkerColour.WHITE),
            Map.entry("GREEN", MarkerColour.GREEN),
            Map.entry("MINT", MarkerColour.GREEN),
            Map.entry("CYAN", MarkerColour.CYAN),
            Map.entry("SKY", MarkerColour.CYAN),
            Map.entry("BLUE", MarkerColour.BLUE),
            Map.entry("PURPLE", MarkerColour.PURPLE),
            Map.entry("LAVENDER", MarkerColour.PURPLE),
            Map.entry("VIOLET", MarkerColour.PURPLE),
            Map.entry("MAGENTA", MarkerColour.MAGENTA),
            Map.entry("FUCHSIA", MarkerColour.MAGENTA),
            Map.entry("BLACK", MarkerColour.BLACK),
            Map.entry("WHITE", MarkerColour.WHITE));

    private ColourNames() {}

    /** The palette colour for a tool's colour name (any case; a {@code ResolveColor} prefix is dropped). */
    static Optional<MarkerColour> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toUpperCase(Locale.ROOT);
        if (key.startsWith("RESOLVECOLOR")) {
            key = key.substring("RESOLVECOLOR".length());
        }
        return Optional.ofNullable(NAMES.get(key));
    }
}
