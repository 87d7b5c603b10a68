package io.framewise.model.time;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A frame rate as an exact rational.
 *
 * <p>Rates such as 29.97 are really 30000/1001; storing them as doubles makes frame and time
 * arithmetic drift by a frame every few minutes, which breaks "frame N is frame N everywhere".
 * The value is always reduced, so two equal rates are {@code equals} and their {@link #toString()}
 * (used verbatim in JSON) is the same.
 */
public record FrameRate(int numerator, int denominator) {

    public static final FrameRate FPS_23_976 = new FrameRate(24000, 1001);
    public static final FrameRate FPS_24 = new FrameRate(24, 1);
    public static final FrameRate FPS_25 = new FrameRate(25, 1);
    public static final FrameRate FPS_29_97 = new FrameRate(30000, 1001);
    public static final FrameRate FPS_30 = new FrameRate(30, 1);
    public static final FrameRate FPS_47_952 = new FrameRate(48000, 1001);
    public static final FrameRate FPS_48 = new FrameRate(48, 1);
    public static final FrameRate FPS_50 = new FrameRate(50, 1);
    public static final FrameRate FPS_59_94 = new FrameRate(60000, 1001);
    public static final FrameRate FPS_60 = new FrameRate(60, 1);
    public static final FrameRate FPS_119_88 = new FrameRate(120000, 1001);
    public static final FrameRate FPS_120 = new FrameRate(120, 1);

    /** The rates offered in pickers and covered by the timecode tests, slowest first. */
    public static final List<FrameRate> STANDARD = List.of(
            FPS_23_976,
            FPS_24,
            FPS_25,
            FPS_29_97,
            FPS_30,
            FPS_47_952,
            FPS_48,
            FPS_50,
            FPS_59_94,
            FPS_60,
            FPS_119_88,
            FPS_120);

    private static final Pattern RATIO = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    /** How close a decimal must be to n*1000/1001 to be read as that NTSC rate (29.97, 23.98). */
    private static final double NTSC_TOLERANCE = 0.01;

    /** Absorbs binary rounding of seconds so that 1.0 s at 25 fps is 25 frames, not 24. */
    private static final double FRAME_EPSILON = 1e-6;

    /** Reduces the fraction, so {@code new FrameRate(60000, 2002)} equals {@link #FPS_29_97}. */
    public FrameRate {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("frame rate must be positive, got " + numerator + "/" + denominator);
        }
        int gcd = BigInteger.valueOf(numerator)
                .gcd(BigInteger.valueOf(denominator))
                .intValueExact();
        numerator /= gcd;
        denominator /= gcd;
    }

    public static FrameRate of(int numerator, int denominator) {
        return new FrameRate(numerator, denominator);
    }

    public static FrameRate of(int fps) {
        return new FrameRate(fps, 1);
    }

    /**
     * Reads a rate as people and tools write it: "30000/1001", "25", "25/1" or a decimal.
     *
     * <p>Decimals are what users type and what older tools print; nobody means exactly 29.97, so a
     * decimal within 0.01 of an NTSC rate n*1000/1001 (23.976, 23.98, 29.97, 47.952, 59.94,
     * 119.88) is read as that rate. Whole decimals ("25.0") and any other decimal ("12.5") are read
     * exactly.
     *
     * @throws IllegalArgumentException if the text is not a positive rate that fits in int/int
     */
    public static FrameRate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a frame rate: null");
        }
        String s = text.trim();
        try {
            var ratio = RATIO.matcher(s);
            if (ratio.matches()) {
                return new FrameRate(Integer.parseInt(ratio.group(1)), Integer.parseInt(ratio.group(2)));
            }
            if (DECIMAL.matcher(s).matches()) {
                return fromDecimal(new BigDecimal(s));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a frame rate: '" + text + "' (does not fit an int/int ratio)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a frame rate: '" + text + "' (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException("not a frame rate: '" + text
                + "' (expected a ratio like 30000/1001, a whole number like 25 or a decimal like 29.97)");
    }

    private static FrameRate fromDecimal(BigDecimal value) {
        BigDecimal exact = value.stripTrailingZeros();
        if (exact.signum() > 0 && exact.scale() > 0) {
            double d = exact.doubleValue();
            long nominal = Math.round(d * 1001.0 / 1000.0);
            if (nominal >= 1
                    && nominal <= Integer.MAX_VALUE / 1000
                    && Math.abs(d - nominal * 1000.0 / 1001.0) < NTSC_TOLERANCE) {
                return new FrameRate((int) nominal * 1000, 1001);
            }
        }
        if (exact.scale() <= 0) {
            return new FrameRate(exact.intValueExact(), 1);
        }
        if (exact.scale() > 31) {
            // The reduced denominator is at least 2^scale, so it cannot fit an int; skip the big power.
            throw new ArithmeticException("too many decimals");
        }
        BigInteger num = exact.unscaledValue();
        BigInteger den = BigInteger.TEN.pow(exact.scale());
        BigInteger gcd = num.gcd(den);
        return new FrameRate(num.divide(gcd).intValueExact(), den.divide(gcd).intValueExact());
    }

    /** For display and for players that take a double; never for frame arithmetic. */
    public double fps() {
        return (double) numerator / denominator;
    }

    /**
     * Frames per timecode second: the nominal rate (30 for 29.97, 24 for 23.976).
     *
     * <p>Timecode labels count whole frames per second even when the real rate is fractional;
     * that is why 29.97 timecode drifts from the wall clock unless drop-frame is used. Rates
     * halfway between two integers round up; the result is at least 1.
     */
    public int timecodeBase() {
        long rounded = (2L * numerator + denominator) / (2L * denominator);
        return (int) Math.max(1, rounded);
    }

    /** Drop-frame timecode is only defined by SMPTE for 29.97 and 59.94. */
    public boolean supportsDropFrame() {
        return equals(FPS_29_97) || equals(FPS_59_94);
    }

    /** Labels skipped at the start of each drop minute: 2 at 29.97, 4 at 59.94, 0 otherwise. */
    int dropFramesPerMinute() {
        return supportsDropFrame() ? timecodeBase() / 15 : 0;
    }

    /** For display (durations, seconds in a UI); the double loses exactness past about 2^53. */
    public double secondsOf(long frames) {
        return (double) frames * denominator / numerator;
    }

    /**
     * Which frame contains an instant given in seconds (floor), for inputs that only exist as
     * doubles, such as a player's clock. A tiny epsilon keeps exact boundaries (1.0 s at 25 fps)
     * on the frame they start instead of the one before.
     *
     * @throws IllegalArgumentException if seconds is NaN or infinite
     */
    public long framesIn(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be finite, got " + seconds);
        }
        return (long) Math.floor(seconds * numerator / denominator + FRAME_EPSILON);
    }

    /**
     * Which frame contains a timestamp {@code value * timeBaseNum / timeBaseDen} seconds (floor),
     * e.g. a presentation timestamp in a container's time base.
     *
     * <p>Exact integer arithmetic, so no rate or time base ever shifts a frame. Intermediate
     * products that overflow a long fall back to BigInteger; the only limit is the result.
     * Muxers that round timestamps to a coarse base (1/1000) can land a frame's timestamp just
     * before its true start; frames read from a file should be indexed by the engine's frame map,
     * not by this method.
     *
     * @throws IllegalArgumentException if the time base is not positive
     * @throws ArithmeticException if the frame number does not fit in a long
     */
    public long frameAtTime(long value, long timeBaseNum, long timeBaseDen) {
        checkTimeBase(timeBaseNum, timeBaseDen);
        try {
            long dividend = Math.multiplyExact(Math.multiplyExact(value, timeBaseNum), numerator);
            long divisor = Math.multiplyExact(timeBaseDen, denominator);
            return Math.floorDiv(dividend, divisor);
        } catch (ArithmeticException overflow) {
            BigInteger dividend = BigInteger.valueOf(value)
                    .multiply(BigInteger.valueOf(timeBaseNum))
                    .multiply(BigInteger.valueOf(numerator));
            BigInteger divisor = BigInteger.valueOf(timeBaseDen).multiply(BigInteger.valueOf(denominator));
            return floorDiv(dividend, divisor).longValueExact();
        }
    }

    /**
     * The timestamp, in units of {@code timeBaseNum/timeBaseDen} seconds, at which a frame starts:
     * the nearest tick that still lies inside the frame, i.e. the exact start when it falls on a
     * tick and otherwise the first tick after it.
     *
     * <p>Plain round-to-nearest would put frame 1 at 29.97 on 33 ms, which is still frame 0;
     * seeking there shows the wrong picture. With this rounding {@code frameAtTime(timeOfFrame(n))
     * == n} for every time base at least as fine as one frame. Exact arithmetic as in {@link
     * #frameAtTime}.
     *
     * @throws IllegalArgumentException if the time base is not positive
     * @throws ArithmeticException if the timestamp does not fit in a long
     */
    public long timeOfFrame(long frame, long timeBaseNum, long timeBaseDen) {
        checkTimeBase(timeBaseNum, timeBaseDen);
        try {
            long dividend = Math.multiplyExact(Math.multiplyExact(frame, denominator), timeBaseDen);
            long divisor = Math.multiplyExact((long) numerator, timeBaseNum);
            return -Math.floorDiv(Math.negateExact(dividend), divisor);
        } catch (ArithmeticException overflow) {
            BigInteger dividend = BigInteger.valueOf(frame)
                    .multiply(BigInteger.valueOf(denominator))
                    .multiply(BigInteger.valueOf(timeBaseDen));
            BigInteger divisor = BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(timeBaseNum));
            return floorDiv(dividend.negate(), divisor).negate().longValueExact();
        }
    }

    private static void checkTimeBase(long timeBaseNum, long timeBaseDen) {
        if (timeBaseNum <= 0 || timeBaseDen <= 0) {
            throw new IllegalArgumentException("time base must be positive, got " + timeBaseNum + "/" + timeBaseDen);
        }
    }

    private static BigInteger floorDiv(BigInteger dividend, BigInteger positiveDivisor) {
        BigInteger[] qr = dividend.divideAndRemainder(positiveDivisor);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** Always "num/den" ("30000/1001", "25/1"): this exact string is the JSON form. */
    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
