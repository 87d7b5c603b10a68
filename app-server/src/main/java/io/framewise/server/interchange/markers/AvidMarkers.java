package io.framewise.server.interchange.markers;

import io.framewise.model.notes.MarkerColour;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Avid Media Composer's marker list, as its Markers window exports it and imports it ("Import
 * Markers"): one line per marker with six tab-separated fields, {@code user, timecode, track,
 * colour, comment, duration}. The track is V1, the colour one of Avid's eight in lower case, the
 * duration in frames (1 for a frame marker, the range's length for a span marker). Fields are one
 * line each: tabs and line breaks in a note become spaces.
 */
final class AvidMarkers implements MarkerFormat.Writer {

    @Override
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        StringBuilder out = new StringBuilder();
        for (MarkerNote n : notes) {
            out.append(MarkerText.name(n))
                    .append('\t')
                    .append(media.timecode(n.frame()))
                    .append("\tV1\t")
                    .append(colour(n.colour()))
                    .append('\t')
                    .append(MarkerText.commentWithStatus(n))
                    .append('\t')
                    .append(n.durationFrames())
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Avid's eight marker colours; the ones Avid lacks go to the nearest it has. */
    static String colour(MarkerColour c) {
        if (c == null) {
            return "red"; // Avid's default marker colour
        }
        return switch (c) {
            case RED -> "red";
            case PINK, PURPLE, MAGENTA -> "magenta";
            case ORANGE, YELLOW -> "yellow";
            case GREEN -> "green";
            case CYAN -> "cyan";
            case BLUE -> "blue";
            case BLACK -> "black";
            case WHITE -> "white";
        };
    }
}
