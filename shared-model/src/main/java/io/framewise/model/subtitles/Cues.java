package io.framewise.model.subtitles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a subtitle file: {@link #read(byte[])} decodes the bytes ({@link SubtitleText}), tells the
 * format from the text and parses it strictly. Every cue must have a start before its end, inside
 * {@link CueTime#MAX_MICROS}; a file with no cue at all, or more than {@link #MAX_CUES}, is refused.
 */
public final class Cues {

    /** More cues than any feature film has (a dense film has about 2,000). */
    public static final int MAX_CUES = 20_000;

    public enum Format {
        SRT,
        WEBVTT,
        ASS
    }

    private Cues() {}

    /** The cues of an SRT, WebVTT or ASS/SSA file, in start order. */
    public static List<Cue> read(byte[] data) {
        return read(SubtitleText.decode(data));
    }

    public static List<Cue> read(String text) {
        List<Cue> cues =
                switch (formatOf(text)) {
                    case WEBVTT -> WebVttReader.read(text);
                    case ASS -> AssReader.read(text);
                    case SRT -> SrtReader.read(text);
                };
        return finish(cues);
    }

    /** What a file is: a WebVTT header, an ASS section header, or else SRT. */
    public static Format formatOf(String text) {
        String head = text.stripLeading();
        if (head.startsWith("\ufeff")) {
            head = head.substring(1);
        }
        if (head.startsWith("WEBVTT")) {
            return Format.WEBVTT;
        }
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[script info]") || lower.contains("\n[events]") || lower.startsWith("[events]")) {
            return Format.ASS;
        }
        return Format.SRT;
    }

    /** Checks the limits and sorts by start (a stable sort keeps the file's order of equal starts). */
    static List<Cue> finish(List<Cue> cues) {
        if (cues.isEmpty()) {
            throw new SubtitleFormatException(0, "the file holds no subtitle cues");
        }
        if (cues.size() > MAX_CUES) {
            throw new SubtitleFormatException(0, "the file holds more than " + MAX_CUES + " cues");
        }
        List<Cue> sorted = new ArrayList<>(cues);
        sorted.sort(Comparator.comparingLong(Cue::startMicros));
        return List.copyOf(sorted);
    }

    /** A cue from parsed times and raw text; null when its text is empty once made safe. */
    static Cue cue(int line, long start, long end, String rawText) {
        if (start > CueTime.MAX_MICROS || end > CueTime.MAX_MICROS) {
            throw new SubtitleFormatException(line, "the cue time is past 100 hours");
        }
        if (end <= start) {
            throw new SubtitleFormatException(
                    line, "the cue ends (" + CueTime.vtt(end) + ") before it starts (" + CueTime.vtt(start) + ")");
        }
        String text = CueMarkup.sanitize(rawText);
        return text.isEmpty() ? null : new Cue(start, end, text);
    }
}
