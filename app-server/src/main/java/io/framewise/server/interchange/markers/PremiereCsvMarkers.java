package io.framewise.server.interchange.markers;

import io.framewise.model.time.Timecode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Premiere Pro's marker list, as its Markers panel exports it ("Export Markers", CSV): despite the
 * name, tab-separated and UTF-16 little-endian with a byte order mark, lines ending in CR LF, under
 * the header {@code Marker Name, Description, In, Out, Duration, Marker Type}. Drop-frame timecodes
 * are written the way Premiere shows them, with semicolons throughout ({@code 01;00;00;02});
 * non-drop with colons. A frame marker has Out = In and a zero duration; a range marker its end and
 * length. Premiere's list has no colour column.
 */
final class PremiereCsvMarkers implements MarkerFormat.Writer {

    static final String HEADER = "Marker Name\tDescription\tIn\tOut\tDuration\tMarker Type";

    @Override
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        StringBuilder out = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (MarkerNote n : notes) {
            long length = n.isRange() ? n.durationFrames() : 0;
            out.append(MarkerText.name(n))
                    .append('\t')
                    .append(MarkerText.commentWithStatus(n))
                    .append('\t')
                    .append(premiere(media.timecode(n.frame())))
                    .append('\t')
                    .append(premiere(media.timecode(n.frame() + length)))
                    .append('\t')
                    .append(premiere(media.duration(length)))
                    .append("\tComment\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_16LE);
    }

    /** Premiere's notation: drop-frame with ';' between every field. */
    static String premiere(Timecode tc) {
        String s = tc.toString();
        return tc.dropFrame() ? s.replace(':', ';') : s;
    }
}
