package io.framewise.server.interchange.imports;

import io.framewise.model.notes.MarkerColour;
import io.framewise.model.time.Timecode;

/**
 * A note read from an interchange file, placed by the timecode label it has on the file's timeline;
 * the importer maps the label onto the media item's frames.
 *
 * @param line the file's line it comes from (from 1), or 0 when the format does not tell
 * @param at the timeline timecode of its first frame
 * @param frames its length in frames, 0 or 1 for a note on one frame (when {@code end} is null)
 * @param end the timeline timecode of the range's end (exclusive), or {@code null} when {@code
 *     frames} gives the length
 * @param colour its colour, or {@code null}
 * @param text what it says (may be empty: the importer then uses a placeholder)
 */
record FoundNote(int line, Timecode at, long frames, Timecode end, MarkerColour colour, String text) {

    /** A note {@code frames} long (0 or 1: on one frame). */
    FoundNote(int line, Timecode at, long frames, MarkerColour colour, String text) {
        this(line, at, frames, null, colour, text);
    }
}
