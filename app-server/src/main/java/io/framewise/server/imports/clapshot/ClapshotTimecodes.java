package io.framewise.server.imports.clapshot;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clapshot's note timecodes as frames. Clapshot's web client writes {@code HH:MM:SS:FF} from a frame
 * number with the media's <em>float</em> rate ({@code media_files.fps}, e.g. {@code "29.970"}): the
 * seconds are whole seconds of that float clock and FF the frames left over. So the frame is
 * {@code round((h*3600 + m*60 + s) * fps) + ff}: rounding the seconds part recovers the frame the note
 * was written at, where Clapshot's own reading (floor) is one off for many NTSC timecodes and an
 * integer-rate SMPTE reading drifts. At exact half-frame ties (frame 1505 at 29.97) the rule alone is
 * one off; the label Clapshot writes for the neighbouring frames settles those. Never drop-frame.
 */
public final class ClapshotTimecodes {

    private static final Pattern TIMECODE = Pattern.compile("(\\d{1,3}):(\\d{2}):(\\d{2})[:;.](\\d{1,3})");

    private ClapshotTimecodes() {}

    /** The frame of {@code timecode} at {@code fps}; empty when untimed or unreadable. */
    public static OptionalLong frameOf(String timecode, String fps) {
        if (timecode == null || timecode.isBlank()) {
            return OptionalLong.empty();
        }
        Matcher m = TIMECODE.matcher(timecode.strip());
        double rate = rate(fps);
        if (!m.matches() || rate <= 0) {
            return OptionalLong.empty();
        }
        long seconds = Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
        long ff = Long.parseLong(m.group(4));
        long frame = Math.round(seconds * rate) + ff;
        // Where n mod fps is exactly half a frame, Clapshot's rounding and the rule's round the same tie
        // in opposite directions: the rule lands one off. Clapshot's own writing decides among the
        // neighbours (it gives each frame one label).
        for (long candidate : new long[] {frame, frame - 1, frame + 1}) {
            if (candidate >= 0 && writtenSeconds(candidate, rate) == seconds && writtenFrames(candidate, rate) == ff) {
                return OptionalLong.of(candidate);
            }
        }
        return OptionalLong.of(Math.max(0, frame));
    }

    /** Whole seconds of Clapshot's label of frame {@code n}: {@code floor(n / fps)}. */
    static long writtenSeconds(long n, double fps) {
        return (long) Math.floor(n / fps);
    }

    /** FF of Clapshot's label of frame {@code n}: JavaScript's {@code Math.round(n % fps)}. */
    static long writtenFrames(long n, double fps) {
        return (long) Math.floor(n % fps + 0.5);
    }

    /** Whether {@code timecode} is untimed in Clapshot's terms (NULL or empty). */
    public static boolean untimed(String timecode) {
        return timecode == null || timecode.isBlank();
    }

    /** The float rate of Clapshot's fps string, 0 when it has none (audio, images, garbage). */
    static double rate(String fps) {
        if (fps == null) {
            return 0;
        }
        try {
            double r = Double.parseDouble(fps.strip());
            return Double.isFinite(r) && r > 0 && r < 1000 ? r : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
