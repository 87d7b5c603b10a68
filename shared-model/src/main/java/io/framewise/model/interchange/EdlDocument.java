package io.framewise.model.interchange;

import io.framewise.model.time.Timecode;
import java.util.List;
import java.util.Objects;

/**
 * A CMX3600 edit decision list as read by {@link Cmx3600}: what the file says, with timecodes as
 * written (an EDL declares no frame rate, so nothing is converted to frames here).
 *
 * @param title the {@code TITLE:} value, or {@code null} when there is none
 * @param dropFrame the first {@code FCM:} line's mode, or {@code null} when the file has none
 * @param events the edit lines in file order (a dissolve's zero-length "from" line and its "to"
 *     line are two entries with the same number)
 * @param problems the lines that could not be read, with why; the rest of the file is still read
 */
public record EdlDocument(String title, Boolean dropFrame, List<Event> events, List<Problem> problems) {

    public EdlDocument {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    /** Every locator of every event, in file order. */
    public List<Locator> locators() {
        return events.stream().flatMap(e -> e.locators().stream()).toList();
    }

    /** Every Resolve marker of every event, in file order. */
    public List<Marker> markers() {
        return events.stream().flatMap(e -> e.markers().stream()).toList();
    }

    /**
     * One edit line and the lines that belong to it.
     *
     * @param line the edit line's number in the file, from 1
     * @param number the event number as written ("001", "000001")
     * @param track the channel field: V, A, A2, AA, B, AA/V, ...
     * @param transition the transition, a cut for most events
     * @param recordIn the record-side (sequence) in point
     * @param recordOut the record-side out point (exclusive)
     * @param fromClip the {@code * FROM CLIP NAME:} value, or {@code null}
     * @param toClip the {@code * TO CLIP NAME:} value (dissolves and wipes), or {@code null}
     * @param comments the {@code * COMMENT:} values and free comment lines, without the star
     * @param speed the {@code M2} motion line's speed in frames per second (0 is a freeze frame,
     *     negative runs backwards), or {@code null}
     * @param locators the {@code * LOC:} lines after this event
     * @param markers the Resolve marker lines after this event
     */
    public record Event(
            int line,
            String number,
            String reel,
            String track,
            Transition transition,
            Timecode sourceIn,
            Timecode sourceOut,
            Timecode recordIn,
            Timecode recordOut,
            String fromClip,
            String toClip,
            List<String> comments,
            Double speed,
            List<Locator> locators,
            List<Marker> markers) {

        public Event {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(transition, "transition");
            comments = List.copyOf(comments);
            locators = List.copyOf(locators);
            markers = List.copyOf(markers);
        }
    }

    /**
     * How an event begins.
     *
     * @param kind C (cut), D (dissolve), W (wipe) or K (key)
     * @param code the wipe pattern or key type ({@code W001} gives "001"), or empty
     * @param frames the transition's length in frames, 0 for a cut
     */
    public record Transition(char kind, String code, int frames) {

        public static final Transition CUT = new Transition('C', "", 0);
    }

    /**
     * An Avid locator: {@code * LOC: 01:00:01:14 RED     ANIM FIX NEEDED}.
     *
     * @param at the record-side timecode as written
     * @param colour the colour word as written (RED, YELLOW, ...), or {@code null} when the word
     *     after the timecode is not a colour
     * @param text what follows the colour, trimmed; may be empty
     */
    public record Locator(int line, Timecode at, String colour, String text) {}

    /**
     * A Resolve timeline marker: {@code <note>|C:ResolveColorBlue |M:<name> |D:<frames>}, placed at
     * its event's record in.
     *
     * @param note the text before the first {@code |}, trimmed
     * @param colour the colour after {@code |C:} without its {@code ResolveColor} prefix, or {@code null}
     * @param name the {@code |M:} value, or {@code null}
     * @param frames the {@code |D:} duration in frames (at least 1)
     */
    public record Marker(int line, Timecode at, String note, String colour, String name, int frames) {}

    /** A line that was not read, and why. */
    public record Problem(int line, String reason) {}
}
