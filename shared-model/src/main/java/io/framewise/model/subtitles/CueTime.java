package io.framewise.model.subtitles;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cue timestamps as the three formats write them, to and from microseconds. */
final class CueTime {

    /** Nothing in a review lasts this long; a bigger time is a broken file, not a long film. */
    static final long MAX_MICROS = 100L * 3600 * 1_000_000;

    // SRT "00:00:01,000" (some tools write "." or fewer digits), WebVTT "00:01.000" or "00:00:01.000".
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{1,2})[,.](\\d{1,3})");

    private CueTime() {}

    /** Microseconds of an SRT or WebVTT timestamp, or -1 when the text is not one. */
    static long parse(String text) {
        Matcher m = CLOCK.matcher(text.strip());
        if (!m.matches()) {
            return -1;
        }
        long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long minutes = Long.parseLong(m.group(2));
        long seconds = Long.parseLong(m.group(3));
        if (minutes > 59 || seconds > 59) {
            return -1;
        }
        String fraction = (m.group(4) + "00").substring(0, 3);
        return (((hours * 60 + minutes) * 60 + seconds) * 1000 + Long.parseLong(fraction)) * 1000;
    }

    /** ASS "H:MM:SS.cc" (centiseconds), or -1. */
    static long parseAss(String text) {
        Matcher m =
                Pattern.compile("(\\d{1,2}):(\\d{1,2}):(\\d{1,2})\\.(\\d{1,3})").matcher(text.strip());
        if (!m.matches()) {
            return -1;
        }
        String fraction = (m.group(4) + "000").substring(0, 3);
        long seconds = (Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3));
        return (seconds * 1000 + Long.parseLong(fraction)) * 1000;
    }

    /** WebVTT's "HH:MM:SS.mmm" (milliseconds rounded down). */
    static String vtt(long micros) {
        long ms = micros / 1000;
        return String.format(
                java.util.Locale.ROOT,
                "%02d:%02d:%02d.%03d",
                ms / 3_600_000,
                ms / 60_000 % 60,
                ms / 1000 % 60,
                ms % 1000);
    }
}
