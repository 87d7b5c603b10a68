package io.framewise.model.subtitles;

import java.util.ArrayList;
import java.util.List;

/**
 * WebVTT: the {@code WEBVTT} header, then blocks; NOTE, STYLE and REGION blocks are skipped, a cue is
 * an optional identifier line, a timing line ({@code start --> end [settings]}; settings ignored) and
 * its text.
 */
final class WebVttReader {

    private WebVttReader() {}

    static List<Cue> read(String text) {
        String body = text.startsWith("\ufeff") ? text.substring(1) : text;
        String[] lines = body.split("\n", -1);
        if (!lines[0].matches("WEBVTT([ \t].*)?")) {
            throw new SubtitleFormatException(1, "a WebVTT file starts with the line WEBVTT");
        }
        int i = 1;
        while (i < lines.length && !lines[i].isBlank()) {
            i++;
        }
        List<Cue> cues = new ArrayList<>();
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            String first = lines[i].strip();
            if (first.startsWith("NOTE") || first.equals("STYLE") || first.equals("REGION")) {
                while (i < lines.length && !lines[i].isBlank()) {
                    i++;
                }
                continue;
            }
            if (!first.contains("-->")) {
                i++;
            }
            if (i >= lines.length || !lines[i].contains("-->")) {
                throw new SubtitleFormatException(
                        Math.min(i, lines.length - 1) + 1, "expected a cue timing like 00:01.000 --> 00:02.500");
            }
            String timing = lines[i];
            int arrow = timing.indexOf("-->");
            long start = CueTime.parse(timing.substring(0, arrow));
            String[] rest = timing.substring(arrow + 3).strip().split("\\s+");
            long end = CueTime.parse(rest[0]);
            if (start < 0 || end < 0) {
                throw new SubtitleFormatException(i + 1, "the cue timing is not [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm");
            }
            int timingLine = i + 1;
            i++;
            StringBuilder cueText = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank()) {
                cueText.append(lines[i]).append('\n');
                i++;
            }
            Cue cue = Cues.cue(timingLine, start, end, cueText.toString());
            if (cue != null) {
                cues.add(cue);
            }
        }
        return cues;
    }
}
