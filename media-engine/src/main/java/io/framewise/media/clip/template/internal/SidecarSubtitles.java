package io.framewise.media.clip.template.internal;

import io.framewise.media.MediaSource;
import io.framewise.media.clip.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SRT and WebVTT cues, read for burning in as text (the bundled FFmpeg has no libass). Styling tags
 * (&lt;i&gt;, {\an8}) are dropped; times are seconds of the source from its first frame.
 */
public final class SidecarSubtitles {

    /** One cue: shown from {@code start} (inclusive) to {@code end} (exclusive) seconds. */
    public record Cue(double start, double end, String text) {}

    private static final Pattern TIMING = Pattern.compile(
            "((?:\\d+:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})\\s*-->\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})");
    private static final int MAX_BYTES = 4 << 20;

    private SidecarSubtitles() {}

    /** The cues of an .srt or .vtt file, in file order; {@code path} names the step in errors. */
    public static List<Cue> read(Path file, String path) {
        try {
            // A sealed file (encryption at rest) is read through its resolver's channel.
            MediaSource source = MediaSource.of(file);
            if (source.size() > MAX_BYTES) {
                throw new TemplateException(path, "subtitle file is larger than 4 MiB");
            }
            return parse(new String(source.readAllBytes(MAX_BYTES), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new TemplateException(path, "subtitle file cannot be read: " + e.getMessage());
        }
    }

    /** Parses SRT or WebVTT text. */
    public static List<Cue> parse(String text, String path) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] blocks = body.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n");
        List<Cue> cues = new ArrayList<>();
        for (String block : blocks) {
            String[] lines = block.strip().split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher m = TIMING.matcher(lines[i]);
                if (!m.find()) {
                    continue;
                }
                StringBuilder t = new StringBuilder();
                for (int j = i + 1; j < lines.length; j++) {
                    // WebVTT escapes what would be markup; the burned text is the reader's text.
                    String clean = lines[j].replaceAll("<[^>]*>", "")
                            .replaceAll("\\{\\\\[^}]*}", "")
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&nbsp;", "\u00a0")
                            .replace("&amp;", "&")
                            .strip();
                    if (!clean.isEmpty()) {
                        t.append(t.length() == 0 ? "" : "\n").append(clean);
                    }
                }
                double start = seconds(m.group(1));
                double end = seconds(m.group(2));
                if (end > start && t.length() > 0) {
                    cues.add(new Cue(start, end, t.toString()));
                }
                break;
            }
        }
        if (cues.isEmpty() && !body.isBlank()) {
            throw new TemplateException(path, "subtitle file has no cues (expected SRT or WebVTT)");
        }
        return cues;
    }

    /** The cue texts shown at {@code seconds}, joined by new lines ("" when none). */
    public static String at(List<Cue> cues, double seconds) {
        StringBuilder out = new StringBuilder();
        for (Cue c : cues) {
            if (seconds >= c.start() && seconds < c.end()) {
                out.append(out.length() == 0 ? "" : "\n").append(c.text());
            }
        }
        return out.toString();
    }

    private static double seconds(String stamp) {
        String[] parts = stamp.replace(',', '.').split(":");
        double s = 0;
        for (String p : parts) {
            s = s * 60 + Double.parseDouble(p);
        }
        return s;
    }
}
