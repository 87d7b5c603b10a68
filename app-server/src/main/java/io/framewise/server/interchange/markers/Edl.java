package io.framewise.server.interchange.markers;

import io.framewise.model.time.Timecode;

/**
 * The CMX3600 lines the EDL exporters share. Event lines use the format's fixed columns: event
 * number in 1-3, reel in 6-13, track from 15, transition from 21, then source in, source out, record
 * in and record out, each 11 characters and one blank apart. Lines end in CR LF, as CMX3600 EDLs
 * from Avid do; every EDL reader takes them.
 */
final class Edl {

    static final String EOL = "\r\n";

    private Edl() {}

    /** {@code TITLE:} and {@code FCM:}, then a blank line. */
    static void header(StringBuilder out, MarkerMedia media) {
        String title = MarkerText.oneLine(media.baseName());
        out.append("TITLE: ").append(title.isEmpty() ? "Notes" : title).append(EOL);
        out.append("FCM: ")
                .append(media.start().dropFrame() ? "DROP FRAME" : "NON-DROP FRAME")
                .append(EOL)
                .append(EOL);
    }

    /** A video cut event whose source and record sides are both {@code in}..{@code out}. */
    static void eventLine(StringBuilder out, int event, String reel, Timecode in, Timecode out2) {
        out.append(String.format(
                        java.util.Locale.ROOT,
                        "%03d  %-8s %-6s%-9s%s %s %s %s  ",
                        event,
                        reel,
                        "V",
                        "C",
                        in,
                        out2,
                        in,
                        out2))
                .append(EOL);
    }
}
