package io.framewise.model.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which frames a cue is on. The rule, the same in every player of the product: a cue {@code [start,
 * end)} covers frame {@code n} when the frame's presentation time {@code t(n)} (measured from frame 0)
 * satisfies {@code start <= t(n) < end}. A cue therefore covers the frames {@code [startFrame,
 * endFrame)} where each bound is the first frame at or after the time; a cue between two frames covers
 * none and is not shown (no frame would show it).
 *
 * <p>Frame times are exact ticks of the media's time base (from its frame map), compared as rationals,
 * so 23.976 and 29.97 media land on the right frame without rounding.
 */
public final class CueFrames {

    /** A cue placed on frames {@code [startFrame, endFrame)}; {@code index} is its 0-based place in the track. */
    public record Placed(int index, long startFrame, long endFrame, Cue cue) {}

    private final long[] ticks;
    private final long num;
    private final long den;

    /**
     * @param ticksFromFirst each frame's pts minus frame 0's, strictly increasing
     * @param timeBaseNum the time base of the ticks (a tick is num/den seconds)
     */
    public CueFrames(long[] ticksFromFirst, long timeBaseNum, long timeBaseDen) {
        Objects.requireNonNull(ticksFromFirst, "ticksFromFirst");
        if (timeBaseNum <= 0 || timeBaseDen <= 0) {
            throw new IllegalArgumentException("time base must be positive");
        }
        this.ticks = ticksFromFirst.clone();
        this.num = timeBaseNum;
        this.den = timeBaseDen;
    }

    /** Frames at a constant rate {@code rateNum/rateDen} (frame n at n*rateDen/rateNum seconds). */
    public static CueFrames constantRate(long frameCount, long rateNum, long rateDen) {
        long[] t = new long[Math.toIntExact(frameCount)];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        return new CueFrames(t, rateDen, rateNum);
    }

    public long frameCount() {
        return ticks.length;
    }

    /** The first frame whose time is at or after {@code micros} (the frame count when there is none). */
    public long firstFrameAtOrAfter(long micros) {
        int lo = 0;
        int hi = ticks.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(ticks[mid], micros) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The frames the cue covers, as {@code [startFrame, endFrame)}; equal bounds when it covers none. */
    public long[] frames(Cue cue) {
        return new long[] {firstFrameAtOrAfter(cue.startMicros()), firstFrameAtOrAfter(cue.endMicros())};
    }

    /** The cues that cover at least one frame, placed, with their index in the track. */
    public List<Placed> place(List<Cue> cues) {
        List<Placed> out = new ArrayList<>();
        for (int i = 0; i < cues.size(); i++) {
            long[] f = frames(cues.get(i));
            if (f[1] > f[0]) {
                out.add(new Placed(i, f[0], f[1], cues.get(i)));
            }
        }
        return out;
    }

    /** Placed cues whose plain text holds {@code query}, ignoring case. */
    public static List<Placed> search(List<Placed> placed, String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return placed.stream()
                .filter(p -> p.cue().plainText().toLowerCase(Locale.ROOT).contains(q))
                .toList();
    }

    /** Sign of t(frame) - micros, exactly: ticks*num/den seconds against micros/1e6 seconds. */
    private int compare(long tick, long micros) {
        try {
            return Long.compare(
                    Math.multiplyExact(tick, Math.multiplyExact(num, 1_000_000L)), Math.multiplyExact(micros, den));
        } catch (ArithmeticException tooBig) {
            return java.math.BigInteger.valueOf(tick)
                    .multiply(java.math.BigInteger.valueOf(num).multiply(java.math.BigInteger.valueOf(1_000_000L)))
                    .compareTo(java.math.BigInteger.valueOf(micros).multiply(java.math.BigInteger.valueOf(den)));
        }
    }
}
