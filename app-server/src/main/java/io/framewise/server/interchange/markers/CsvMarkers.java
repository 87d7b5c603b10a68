package io.framewise.server.interchange.markers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every note as a row of a plain CSV (RFC 4180: comma-separated, every field quoted, CR LF, UTF-8
 * with a byte order mark so spreadsheets read the accents): frame, frame out, timecode in and out,
 * duration, colour, author, status, text and replies (one "author: text" per line of the cell).
 *
 * <p>Notes are written by anyone who may comment, and the file is opened in spreadsheets, which run
 * a cell that starts with {@code = + - @} (or a tab or CR before one) as a formula. Such cells get a
 * leading {@code '}, the neutralisation OWASP recommends: the text stays readable and is never run.
 */
final class CsvMarkers implements MarkerFormat.Writer {

    static final List<String> HEADER = List.of(
            "frame",
            "frameOut",
            "timecodeIn",
            "timecodeOut",
            "durationFrames",
            "colour",
            "author",
            "status",
            "text",
            "replies");

    @Override
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        StringBuilder out = new StringBuilder("\uFEFF");
        row(out, HEADER);
        for (MarkerNote n : notes) {
            row(
                    out,
                    List.of(
                            Long.toString(n.frame()),
                            n.isRange() ? Long.toString(n.frameOut()) : "",
                            media.timecode(n.frame()).toString(),
                            n.isRange() ? media.timecode(n.frameOut()).toString() : "",
                            Long.toString(n.durationFrames()),
                            n.colour() == null ? "" : n.colour().wire(),
                            n.author(),
                            n.resolved() ? "resolved" : "open",
                            n.text(),
                            n.replies().stream()
                                    .map(r -> r.author() + ": " + r.text())
                                    .collect(Collectors.joining("\n"))));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"')
                    .append(neutralised(cells.get(i)).replace("\"", "\"\""))
                    .append('"');
        }
        out.append("\r\n");
    }

    /** The cell with a leading {@code '} when a spreadsheet would read it as a formula. */
    static String neutralised(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return "=+-@\t\r".indexOf(first) >= 0 ? "'" + cell : cell;
    }
}
