package io.framewise.model.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FrameRatePropertiesTest {

    /** Time bases seen in containers, players and audio: MPEG-TS, ms, NTSC frame, audio, QuickTime. */
    static final List<long[]> TIME_BASES = List.of(
            new long[] {1, 90_000},
            new long[] {1, 1000},
            new long[] {1001, 30_000},
            new long[] {1001, 24_000},
            new long[] {1001, 60_000},
            new long[] {1, 48_000},
            new long[] {1, 44_100},
            new long[] {1, 600},
            new long[] {1, 1_000_000},
            new long[] {1, 1_000_000_000},
            new long[] {1, 25},
            new long[] {1, 120});

    record Case(FrameRate rate, long tbNum, long tbDen, long frame) {
        /** The round trip needs ticks no longer than a frame; coarser bases cannot name every frame. */
        boolean tickFitsInAFrame() {
            return BigInteger.valueOf(tbNum)
                            .multiply(BigInteger.valueOf(rate.numerator()))
                            .compareTo(BigInteger.valueOf(tbDen).multiply(BigInteger.valueOf(rate.denominator())))
                    <= 0;
        }
    }

    @Provide
    Arbitrary<Case> standardCases() {
        return Combinators.combine(
                        Arbitraries.of(FrameRate.STANDARD),
                        Arbitraries.of(TIME_BASES),
                        Arbitraries.longs().between(0, 10_000_000_000L))
                .as((rate, tb, frame) -> new Case(rate, tb[0], tb[1], frame))
                .filter(Case::tickFitsInAFrame);
    }

    @Property(tries = 1000)
    void frameAtTimeUndoesTimeOfFrame(@ForAll("standardCases") Case c) {
        long t = c.rate().timeOfFrame(c.frame(), c.tbNum(), c.tbDen());
        assertEquals(c.frame(), c.rate().frameAtTime(t, c.tbNum(), c.tbDen()));
    }

    @Property(tries = 1000)
    void timeOfFrameIsTheFirstTickOfTheFrame(@ForAll("standardCases") Case c) {
        long t = c.rate().timeOfFrame(c.frame(), c.tbNum(), c.tbDen());
        assertEquals(c.frame() - 1, c.rate().frameAtTime(t - 1, c.tbNum(), c.tbDen()));
    }

    @Property(tries = 1000)
    void frameAtTimeIsExactForAnyInput(
            @ForAll @IntRange(min = 1) int num,
            @ForAll @IntRange(min = 1) int den,
            @ForAll long value,
            @ForAll @LongRange(min = 1) long tbNum,
            @ForAll @LongRange(min = 1) long tbDen) {
        FrameRate rate = FrameRate.of(num, den);
        BigInteger[] qr = big(value)
                .multiply(big(tbNum))
                .multiply(big(rate.numerator()))
                .divideAndRemainder(big(tbDen).multiply(big(rate.denominator())));
        BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        if (floor.bitLength() < 64) {
            assertEquals(floor.longValueExact(), rate.frameAtTime(value, tbNum, tbDen));
        } else {
            assertThrows(ArithmeticException.class, () -> rate.frameAtTime(value, tbNum, tbDen));
        }
    }

    @Property(tries = 1000)
    void timeOfFrameIsExactForAnyInput(
            @ForAll @IntRange(min = 1) int num,
            @ForAll @IntRange(min = 1) int den,
            @ForAll long frame,
            @ForAll @LongRange(min = 1) long tbNum,
            @ForAll @LongRange(min = 1) long tbDen) {
        FrameRate rate = FrameRate.of(num, den);
        BigInteger[] qr = big(frame)
                .multiply(big(rate.denominator()))
                .multiply(big(tbDen))
                .divideAndRemainder(big(rate.numerator()).multiply(big(tbNum)));
        BigInteger ceil = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        if (ceil.bitLength() < 64) {
            assertEquals(ceil.longValueExact(), rate.timeOfFrame(frame, tbNum, tbDen));
        } else {
            assertThrows(ArithmeticException.class, () -> rate.timeOfFrame(frame, tbNum, tbDen));
        }
    }

    @Property(tries = 1000)
    void framesInUndoesSecondsOf(
            @ForAll("standardRates") FrameRate rate, @ForAll @LongRange(min = 0, max = 1_000_000_000) long frame) {
        assertEquals(frame, rate.framesIn(rate.secondsOf(frame)));
    }

    @Property(tries = 1000)
    void equalRatiosAreEqualRates(
            @ForAll @IntRange(min = 1, max = 200_000) int num,
            @ForAll @IntRange(min = 1, max = 2000) int den,
            @ForAll @IntRange(min = 1, max = 1000) int k) {
        FrameRate rate = FrameRate.of(num, den);
        assertEquals(rate, FrameRate.of(num * k, den * k));
        assertEquals(BigInteger.ONE, big(rate.numerator()).gcd(big(rate.denominator())));
        assertEquals((double) num / den, rate.fps(), 1e-9);
    }

    @Property(tries = 1000)
    void parseReadsWhatToStringWrites(@ForAll @IntRange(min = 1) int num, @ForAll @IntRange(min = 1) int den) {
        FrameRate rate = FrameRate.of(num, den);
        assertEquals(rate, FrameRate.parse(rate.toString()));
    }

    @Provide
    Arbitrary<FrameRate> standardRates() {
        return Arbitraries.of(FrameRate.STANDARD);
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
