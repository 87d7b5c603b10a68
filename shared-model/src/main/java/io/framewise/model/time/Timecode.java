package io.framewise.model.time;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMPTE timecode label, such as 01:00:00:00 or 00:01:00;02.
 *
 * <p>Timecode is only a view: notes, ranges and sync messages speak 0-based frame indices, and a
 * label exists to show an index to people and to exchange it with NLEs (EDL, XML). The label alone
 * does not know its rate, so every conversion takes a {@link FrameRate}; the rate decides how many
 * frames a second holds and, with {@link #dropFrame()}, which labels exist.
 *
 * <p>Drop-frame counting (29.97 and 59.94 only) skips labels, never pictures: frames 00-01 (00-03
 * at 59.94) of every minute except each tenth minute are not used, so that the label stays within
 * a few frames of the wall clock.
 */
public record Timecode(int hours, int minutes, int seconds, int frames, boolean dropFrame) {

    private static final Pattern COLONS = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})([:;.])(\\d{2,3})");
    private static final Pattern SEMICOLONS = Pattern.compile("(\\d{1,2});(\\d{2});(\\d{2});(\\d{2,3})");

    /**
     * Checks what can be checked without a rate; the frames field against the timecode base and
     * drop-frame labels are checked where a rate is given.
     */
    public Timecode {
        check("hours", hours, 23);
        check("minutes", minutes, 59);
        check("seconds", seconds, 59);
        if (frames < 0) {
            throw new IllegalArgumentException("frames must not be negative, got " + frames);
        }
    }

    private static void check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be 0.." + max + ", got " + value);
        }
    }

    /**
     * Reads "HH:MM:SS:FF" as non-drop and "HH:MM:SS;FF", "HH;MM;SS;FF" or "HH:MM:SS.FF" as
     * drop-frame, the notations NLEs and EDLs use. Any other separator (",") is rejected rather than
     * guessed.
     *
     * @throws IllegalArgumentException naming the text and the problem
     */
    public static Timecode parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a timecode: null (expected HH:MM:SS:FF or HH:MM:SS;FF)");
        }
        String s = text.trim();
        Matcher m = COLONS.matcher(s);
        boolean drop;
        int framesGroup;
        if (m.matches()) {
            drop = !m.group(4).equals(":");
            framesGroup = 5;
        } else {
            m = SEMICOLONS.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "not a timecode: '" + text + "' (expected HH:MM:SS:FF or HH:MM:SS;FF)");
            }
            drop = true;
            framesGroup = 4;
        }
        try {
            return new Timecode(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(framesGroup)),
                    drop);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a timecode: '" + text + "' (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Frames elapsed since 00:00:00:00 at this rate, counting only labels that exist.
     *
     * @throws IllegalArgumentException if the frames field is not below the rate's timecode base,
     *     if drop-frame is asked of a rate without it, or if the label is one drop-frame skips
     */
    public long toFrameCount(FrameRate rate) {
        Objects.requireNonNull(rate, "rate");
        int base = rate.timecodeBase();
        if (frames >= base) {
            throw new IllegalArgumentException("frames " + frames + " out of range in " + this + " at " + rate
                    + " (timecode base " + base + ", so frames must be 0.." + (base - 1) + ")");
        }
        long totalMinutes = 60L * hours + minutes;
        long nominal = (totalMinutes * 60 + seconds) * base + frames;
        if (!dropFrame) {
            return nominal;
        }
        requireDropFrame(rate);
        int drop = rate.dropFramesPerMinute();
        if (seconds == 0 && frames < drop && minutes % 10 != 0) {
            throw new IllegalArgumentException(this + " does not exist in drop-frame timecode at " + rate
                    + " (frames 0.." + (drop - 1) + " are skipped at the start of every minute except each tenth)");
        }
        return nominal - drop * (totalMinutes - totalMinutes / 10);
    }

    /**
     * The label of the frame that many frames after 00:00:00:00; counts wrap at 24 hours in both
     * directions, as timecode does on tape and in NLEs.
     *
     * @throws IllegalArgumentException if drop-frame is asked of a rate without it
     */
    public static Timecode fromFrameCount(long frameCount, FrameRate rate, boolean dropFrame) {
        long n = Math.floorMod(frameCount, framesPerDay(rate, dropFrame));
        int base = rate.timecodeBase();
        if (dropFrame) {
            int drop = rate.dropFramesPerMinute();
            long perMinute = 60L * base - drop;
            long perTenMinutes = 600L * base - 9L * drop;
            long tens = n / perTenMinutes;
            long rest = n % perTenMinutes;
            n += 9L * drop * tens;
            if (rest >= drop) {
                n += drop * ((rest - drop) / perMinute);
            }
        }
        long totalSeconds = n / base;
        return new Timecode(
                (int) (totalSeconds / 3600),
                (int) (totalSeconds / 60 % 60),
                (int) (totalSeconds % 60),
                (int) (n % base),
                dropFrame);
    }

    /**
     * The label shown for a frame index of a media item whose first frame is labelled {@code start}
     * (its start timecode); the media's drop-frame flag is the start's.
     */
    public static Timecode ofIndex(long frameIndex, Timecode start, FrameRate rate) {
        long day = framesPerDay(rate, start.dropFrame);
        return fromFrameCount(start.toFrameCount(rate) + Math.floorMod(frameIndex, day), rate, start.dropFrame);
    }

    /**
     * The frame index a label names in a media item starting at {@code start}. A label earlier than
     * the start means the next day: media that starts at 23:59:00:00 reaches 00:00:00:00 after a
     * minute. The label is read in the start's counting mode, because the media's drop-frame flag,
     * not the separator someone typed, decides which frame a label means.
     *
     * @throws IllegalArgumentException if the label does not exist at this rate and counting mode
     */
    public static long indexOf(Timecode tc, Timecode start, FrameRate rate) {
        Timecode label = tc.dropFrame == start.dropFrame
                ? tc
                : new Timecode(tc.hours, tc.minutes, tc.seconds, tc.frames, start.dropFrame);
        long day = framesPerDay(rate, start.dropFrame);
        return Math.floorMod(label.toFrameCount(rate) - start.toFrameCount(rate), day);
    }

    /** This label moved by {@code n} frames (negative moves back), wrapping at 24 hours. */
    public Timecode plusFrames(long n, FrameRate rate) {
        return ofIndex(n, this, rate);
    }

    /** Frames in 24 hours of labels: 86400 * base, less the dropped labels for drop-frame. */
    public static long framesPerDay(FrameRate rate, boolean dropFrame) {
        Objects.requireNonNull(rate, "rate");
        long base = rate.timecodeBase();
        if (!dropFrame) {
            return 86_400L * base;
        }
        requireDropFrame(rate);
        long drop = rate.dropFramesPerMinute();
        return 144 * (600 * base - 9 * drop);
    }

    private static void requireDropFrame(FrameRate rate) {
        if (!rate.supportsDropFrame()) {
            throw new IllegalArgumentException("drop-frame timecode exists only at " + FrameRate.FPS_29_97 + " and "
                    + FrameRate.FPS_59_94 + ", not at " + rate);
        }
    }

    /** "01:00:00:00", or "01:00:00;00" for drop-frame: the form NLEs show and EDLs carry. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(12);
        pad(sb, hours).append(':');
        pad(sb, minutes).append(':');
        pad(sb, seconds).append(dropFrame ? ';' : ':');
        return pad(sb, frames).toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value) {
        return (value < 10 ? sb.append('0') : sb).append(value);
    }
}
