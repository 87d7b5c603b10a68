package io.framewise.server.interchange.markers;

import io.framewise.model.notes.MarkerColour;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A CMX3600 EDL with Avid locators: one cut event covering the whole media item, and a
 * {@code * LOC: <record timecode> <COLOUR> <comment>} line per note, the form Avid Media Composer
 * writes and reads back as markers. A locator has no duration, so a range note's end is written in
 * its comment ("[to 01:00:02:00]").
 */
final class AvidEdlMarkers implements MarkerFormat.Writer {

    @Override
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        StringBuilder out = new StringBuilder();
        Edl.header(out, media);
        Edl.eventLine(out, 1, "AX", media.timecode(0), media.timecode(media.frameCount()));
        out.append("* FROM CLIP NAME: ")
                .append(MarkerText.oneLine(media.name()))
                .append(Edl.EOL);
        for (MarkerNote n : notes) {
            String comment = MarkerText.commentWithStatus(n);
            if (n.isRange()) {
                comment = comment + " [to " + media.timecode(n.frameOut()) + "]";
            }
            String colour = colour(n.colour());
            out.append("* LOC: ")
                    .append(media.timecode(n.frame()))
                    .append(' ')
                    .append(colour)
                    .append(" ".repeat(8 - colour.length()))
                    .append(comment)
                    .append(Edl.EOL);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Avid's eight locator colours, upper case as in EDLs; others go to the nearest. */
    static String colour(MarkerColour c) {
        return AvidMarkers.colour(c).toUpperCase(java.util.Locale.ROOT);
    }
}
