package io.framewise.server.interchange.markers;

import io.framewise.model.notes.MarkerColour;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DaVinci Resolve's "Timeline markers to EDL" form, which Resolve's Edit page imports back as
 * timeline markers ("Import > Timeline Markers from EDL"): one one-frame cut event per marker at
 * the marker's record timecode, followed by the line {@code <note> |C:ResolveColor<Colour>
 * |M:<name> |D:<duration in frames>}.
 *
 * <p>The event line keeps CMX3600's fixed columns exactly as Resolve writes them (event number,
 * reel "001", track "V", cut "C", source and record in/out), so the file also reads as an EDL in
 * any CMX3600 reader. Resolve splits the note line at {@code |}, so a {@code |} in the text is
 * written as {@code /}. CMX3600 numbers events with three digits; past 999 markers the numbers
 * start again at 001, which Resolve's marker import does not mind (it places markers by timecode).
 */
final class ResolveEdlMarkers implements MarkerFormat.Writer {

    @Override
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        StringBuilder out = new StringBuilder();
        Edl.header(out, media);
        int event = 0;
        for (MarkerNote n : notes) {
            event = event % 999 + 1;
            Edl.eventLine(out, event, "001", media.timecode(n.frame()), media.timecode(n.frame() + 1));
            String note = MarkerText.commentWithStatus(n).replace('|', '/');
            String name = MarkerText.name(n).replace('|', '/');
            out.append(note)
                    .append(" |C:ResolveColor")
                    .append(colour(n.colour()))
                    .append(" |M:")
                    .append(name)
                    .append(" |D:")
                    .append(n.durationFrames())
                    .append(Edl.EOL)
                    .append(Edl.EOL);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Resolve's sixteen marker colours; the ones Resolve lacks go to the nearest it has. */
    static String colour(MarkerColour c) {
        if (c == null) {
            return "Blue"; // Resolve's default marker colour
        }
        return switch (c) {
            case RED -> "Red";
            case PINK -> "Pink";
            case ORANGE -> "Sand";
            case YELLOW -> "Yellow";
            case GREEN -> "Green";
            case CYAN -> "Cyan";
            case BLUE -> "Blue";
            case PURPLE -> "Purple";
            case MAGENTA -> "Fuchsia";
            case BLACK -> "Cocoa";
            case WHITE -> "Cream";
        };
    }
}
