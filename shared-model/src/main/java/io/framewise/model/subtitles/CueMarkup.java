package io.framewise.model.subtitles;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one place cue text is made safe. A cue's text ends up inside a WebVTT file that browsers parse
 * and inside our own pages, so whatever a file says, the output keeps only bold, italic and underline
 * tags (balanced) and escapes every other {@code <}, {@code >} and {@code &}; other tags ({@code
 * <font>}, {@code <script>}, WebVTT classes and voices) are dropped with their text kept. Blank lines,
 * which would end a WebVTT cue early, and control characters are removed.
 */
public final class CueMarkup {

    private static final Set<String> KEPT = Set.of("b", "i", "u");
    private static final Map<String, String> ENTITIES =
            Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

    private CueMarkup() {}

    /** Safe WebVTT cue text from the text of an SRT, WebVTT or (already converted) ASS cue. */
    public static String sanitize(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '<') {
                int close = raw.indexOf('>', i + 1);
                int nextOpen = raw.indexOf('<', i + 1);
                // "1 < 2" is text: a tag starts with its name (or the slash of a closing tag).
                boolean named =
                        i + 1 < raw.length() && (Character.isLetter(raw.charAt(i + 1)) || raw.charAt(i + 1) == '/');
                if (!named || close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                    out.append("&lt;");
                    i++;
                    continue;
                }
                tag(raw.substring(i + 1, close), out, open);
                i = close + 1;
            } else if (c == '&') {
                i = entity(raw, i, out);
            } else {
                appendEscaped(c, out);
                i++;
            }
        }
        while (!open.isEmpty()) {
            out.append("</").append(open.pop()).append('>');
        }
        return lines(out.toString());
    }

    /** Plain text of sanitized cue text: tags removed, entities decoded. */
    public static String plain(String safe) {
        return safe.replaceAll("<[^>]*>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static void tag(String inner, StringBuilder out, Deque<String> open) {
        boolean closing = inner.startsWith("/");
        String body = closing ? inner.substring(1) : inner;
        int end = 0;
        while (end < body.length() && Character.isLetter(body.charAt(end))) {
            end++;
        }
        String name = body.substring(0, end).toLowerCase(Locale.ROOT);
        if (!KEPT.contains(name)) {
            return;
        }
        if (!closing) {
            if (!open.contains(name)) {
                open.push(name);
                out.append('<').append(name).append('>');
            }
            return;
        }
        if (!open.contains(name)) {
            return;
        }
        // Close the tags opened inside this one first, so the output stays well nested.
        while (!open.isEmpty()) {
            String top = open.pop();
            out.append("</").append(top).append('>');
            if (top.equals(name)) {
                break;
            }
        }
    }

    private static int entity(String raw, int at, StringBuilder out) {
        int semi = raw.indexOf(';', at + 1);
        if (semi > at + 1 && semi - at <= 10) {
            String name = raw.substring(at + 1, semi);
            String decoded = ENTITIES.get(name.toLowerCase(Locale.ROOT));
            if (decoded == null && name.matches("#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}")) {
                int code = name.charAt(1) == 'x' || name.charAt(1) == 'X'
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                decoded = Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : "";
            }
            if (decoded != null) {
                decoded.chars().forEach(ch -> appendEscaped((char) ch, out));
                return semi + 1;
            }
        }
        out.append("&amp;");
        return at + 1;
    }

    private static void appendEscaped(char c, StringBuilder out) {
        switch (c) {
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '&' -> out.append("&amp;");
            default -> {
                if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                    out.append(c == '\t' ? ' ' : c);
                }
            }
        }
    }

    private static String lines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        // A line of tags alone (an italic opened on a line of its own) joins the next line, so
        // dropping it as blank never unbalances the tags.
        String pending = "";
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (plain(trimmed).isBlank()) {
                pending += trimmed.replaceAll("[^<>/a-z]", "");
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(pending).append(trimmed);
            pending = "";
        }
        out.append(pending);
        return out.toString();
    }
}
