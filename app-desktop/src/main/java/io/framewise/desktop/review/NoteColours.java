package io.framewise.desktop.review;

import java.util.Locale;
import java.util.Map;

/**
 * Marker colours of notes (the server's neutral palette, filled by imported EDL locators and marker
 * files) as screen colours, the same ones the web player uses, so a note an editor marked red in
 * their editing application is red on the timeline and in the notes list.
 */
public final class NoteColours {

    private static final Map<String, String> PALETTE = Map.ofEntries(
            Map.entry("red", "#e5484d"),
            Map.entry("pink", "#e93d82"),
            Map.entry("orange", "#f76b15"),
            Map.entry("yellow", "#ffc53d"),
            Map.entry("green", "#46a758"),
            Map.entry("cyan", "#00a2c7"),
            Map.entry("blue", "#3e63dd"),
            Map.entry("purple", "#8e4ec6"),
            Map.entry("magenta", "#d6409f"),
            Map.entry("black", "#8b8d98"),
            Map.entry("white", "#f0f0f0"));

    /** The timeline tick of an open note without a colour. */
    public static final String OPEN = "#e3b341";

    /** The timeline tick of a resolved note, whatever its colour. */
    public static final String RESOLVED = "#6e7681";

    private NoteColours() {}

    /** The screen colour (#rrggbb) of a palette name, or null for none or a name the palette lacks. */
    public static String hex(String colour) {
        return colour == null ? null : PALETTE.get(colour.toLowerCase(Locale.ROOT));
    }

    /** The tick of a thread on the timeline: grey once resolved, else its colour, else the default. */
    public static String tick(NoteThread thread) {
        if (thread.resolved()) {
            return RESOLVED;
        }
        String hex = hex(thread.colour());
        return hex == null ? OPEN : hex;
    }
}
