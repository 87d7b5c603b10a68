package io.framewise.model.subtitles;

import java.util.ArrayList;
import java.util.List;

/** SubRip: blocks of an optional number, a {@code start --> end} line and text, split by blank lines. */
final class SrtReader {

    private SrtReader() {}

    static List<Cue> read(String text) {
        String[] lines = text.split("\n", -1);
        List<Cue> cues = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            int blockStart = i;
            if (lines[i].strip().matches("\\d+") && i + 1 < lines.length && lines[i + 1].contains("-->")) {
                i++;
            }
            String timing = lines[i];
            int arrow = timing.indexOf("-->");
            if (arrow < 0) {
                throw new SubtitleFormatException(
                        i + 1,
                        "expected a cue timing like 00:00:01,000 --> 00:00:02,500, found \"" + shorten(timing) + "\"");
            }
            long start = CueTime.parse(timing.substring(0, arrow));
            // Some writers add position coordinates after the end time ("X1:... Y2:..."): ignored.
            String after = timing.substring(arrow + 3).strip();
            long end = CueTime.parse(after.split("\\s+")[0]);
            if (start < 0 || end < 0) {
                throw new SubtitleFormatException(i + 1, "the cue timing is not HH:MM:SS,mmm --> HH:MM:SS,mmm");
            }
            int timingLine = i + 1;
            i++;
            StringBuilder body = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank()) {
                if (lines[i].contains("-->") && CueTime.parse(lines[i].split("-->")[0]) >= 0) {
                    throw new SubtitleFormatException(
                            i + 1,
                            "a cue timing inside the text of the cue at line " + (blockStart + 1)
                                    + " (a blank line is missing)");
                }
                body.append(lines[i]).append('\n');
                i++;
            }
            Cue cue = Cues.cue(timingLine, start, end, body.toString());
            if (cue != null) {
                cues.add(cue);
            }
        }
        return cues;
    }

    static String shorten(String line) {
        String s = line.strip();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
