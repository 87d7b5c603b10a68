package io.framewise.server.shares;

import java.util.List;

/**
 * A link's analytics as CSV (RFC 4180), one row per guest. Guests type their own names, and a
 * spreadsheet runs a cell that starts with {@code = + - @} (or a tab or carriage return) as a
 * formula: such cells get a leading apostrophe, so opening the export never runs what a guest wrote.
 */
public final class AnalyticsCsv {

    static final String HEADER = "name,email,firstSeen,lastSeen,watchSeconds,downloads,notes";

    private AnalyticsCsv() {}

    public static String of(ShareAnalytics analytics) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (ShareAnalytics.Guest g : analytics.guests()) {
            row(
                    out,
                    List.of(
                            g.name(),
                            g.email() == null ? "" : g.email(),
                            g.firstSeen().toString(),
                            g.lastSeen().toString(),
                            String.valueOf(g.watchSeconds()),
                            String.valueOf(g.downloads()),
                            String.valueOf(g.notes())));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i), i >= 4));
        }
        out.append("\r\n");
    }

    /** One cell: defused if it could start a formula (numbers we wrote ourselves are left alone), then quoted if needed. */
    static String cell(String value, boolean ownNumber) {
        String v = value;
        if (!ownNumber && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
