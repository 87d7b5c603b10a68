package io.framewise.model.subtitles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * ASS/SSA: the {@code Dialogue:} lines of the {@code [Events]} section, read through its {@code
 * Format:} line (the standard one when it has none). Styles, positions and effects are dropped: what
 * reaches the cue is the text, with bold, italic and underline kept ({@link #toMarkup}).
 */
public final class AssReader {

    private static final List<String> DEFAULT_FORMAT =
            List.of("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text");

    private AssReader() {}

    static List<Cue> read(String text) {
        String[] lines = text.split("\n", -1);
        List<String> format = DEFAULT_FORMAT;
        boolean inEvents = false;
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("[")) {
                inEvents = line.equalsIgnoreCase("[events]");
                continue;
            }
            if (!inEvents) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("format:")) {
                format = Arrays.stream(line.substring(7).split(","))
                        .map(f -> f.strip().toLowerCase(Locale.ROOT))
                        .toList();
                if (!format.contains("start") || !format.contains("end") || !format.contains("text")) {
                    throw new SubtitleFormatException(i + 1, "the Format line names no Start, End or Text field");
                }
            } else if (lower.startsWith("dialogue:")) {
                String[] fields = line.substring(9).strip().split(",", format.size());
                if (fields.length < format.size()) {
                    throw new SubtitleFormatException(
                            i + 1, "a Dialogue line needs " + format.size() + " fields, found " + fields.length);
                }
                long start = CueTime.parseAss(fields[format.indexOf("start")]);
                long end = CueTime.parseAss(fields[format.indexOf("end")]);
                if (start < 0 || end < 0) {
                    throw new SubtitleFormatException(i + 1, "the Dialogue times are not H:MM:SS.cc");
                }
                Cue cue = Cues.cue(i + 1, start, end, toMarkup(fields[format.indexOf("text")]));
                if (cue != null) {
                    cues.add(cue);
                }
            }
        }
        return cues;
    }

    /**
     * The text of an ASS event as cue text: {@code \N} and {@code \n} break lines, {@code \h} is a
     * space, the bold, italic and underline overrides become tags and every other override
     * block ({@code {\pos(..)}}, colours, karaoke, drawings) is removed.
     */
    public static String toMarkup(String ass) {
        StringBuilder out = new StringBuilder(ass.length());
        int i = 0;
        while (i < ass.length()) {
            char c = ass.charAt(i);
            if (c == '{') {
                int close = ass.indexOf('}', i);
                if (close < 0) {
                    break;
                }
                overrides(ass.substring(i + 1, close), out);
                i = close + 1;
            } else if (c == '\\' && i + 1 < ass.length() && "Nnh".indexOf(ass.charAt(i + 1)) >= 0) {
                out.append(ass.charAt(i + 1) == 'h' ? ' ' : '\n');
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The tags an ASS event's line from an FFmpeg decoder carries: its last field is the text. */
    public static String decodedEventText(String assEvent) {
        // FFmpeg's decoded events: ReadOrder, Layer, Style, Name, MarginL, MarginR, MarginV, Effect, Text.
        String[] fields = assEvent.split(",", 9);
        return toMarkup(fields.length == 9 ? fields[8] : assEvent);
    }

    private static void overrides(String block, StringBuilder out) {
        for (String part : block.split("\\\\")) {
            String p = part.strip();
            if (p.matches("[biu][01]")) {
                out.append(p.charAt(1) == '1' ? "<" + p.charAt(0) + ">" : "</" + p.charAt(0) + ">");
            }
        }
    }
}
