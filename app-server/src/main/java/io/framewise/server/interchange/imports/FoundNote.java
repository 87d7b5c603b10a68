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
 * @param counted whether the labels were made from a frame count (FCP7, FCPXML, OTIO) and so name
 *     their frame in their own counting mode; an EDL's typed labels are read in the media's mode
 */
record FoundNote(int line, Timecode at, long frames, Timecode end, MarkerColour colour, String text, boolean counted) {

    /** A note of an EDL, {@code frames} long (0 or 1: on one frame) or up to {@code end}. */
    FoundNote(int line, Timecode at, long frames, Timecode end, MarkerColour colour, String text) {
        this(line, at, frames, end, colour, text, false);
    }

    /** A note of an EDL {@code frames} long (0 or 1: on one frame). */
    FoundNote(int line, Timecode at, long frames, MarkerColour colour, String text) {
        this(line, at, frames, null, colour, text, false);
    }

    /** A note whose label was made from a frame count on the file's timeline. */
    static FoundNote counted(int line, Timecode at, long frames, MarkerColour colour, String text) {
        return new FoundNote(line, at, frames, null, colour, text, true);
    }
}
