package io.framewise.model.time;

import static io.framewise.model.time.FrameRate.FPS_23_976;
import static io.framewise.model.time.FrameRate.FPS_25;
import static io.framewise.model.time.FrameRate.FPS_29_97;
import static io.framewise.model.time.FrameRate.FPS_59_94;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameRateTest {

    @ParameterizedTest
    @CsvSource({
        "30000/1001, 30000/1001",
        "60000/2002, 30000/1001",
        "' 30000 / 1001 ', 30000/1001",
        "25, 25/1",
        "25/1, 25/1",
        "25.0, 25/1",
        "29.97, 30000/1001",
        "29.970, 30000/1001",
        "23.976, 24000/1001",
        "23.98, 24000/1001",
        "47.952, 48000/1001",
        "59.94, 60000/1001",
        "119.88, 120000/1001",
        "12.5, 25/2",
        "29.9, 299/10",
        "120, 120/1"
    })
    void parsesRatiosWholeNumbersAndDecimals(String text, String expected) {
        assertEquals(expected, FrameRate.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "25fps", "-25", "1/-2", "29,97", "1e3", ".5"})
    void garbageIsNotAFrameRate(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> FrameRate.parse(text));
        assertTrue(e.getMessage().startsWith("not a frame rate: '" + text + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, must be positive", "0/1, must be positive", "30000/0, must be positive", "0.0, must be positive"})
    void zeroRatesAreRejectedWithTheReason(String text, String reason) {
        var e = assertThrows(IllegalArgumentException.class, () -> FrameRate.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"99999999999", "1/99999999999", "0.00000000001", "0.0000000000000000000000000000000000000001"})
    void ratesThatDoNotFitAnIntRatioAreRejected(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> FrameRate.parse(text));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void nullIsNotAFrameRate() {
        assertThrows(IllegalArgumentException.class, () -> FrameRate.parse(null));
    }

    @Test
    void constructionReducesAndValidates() {
        assertEquals(FPS_29_97, new FrameRate(60000, 2002));
        assertEquals(FPS_25, FrameRate.of(50, 2));
        assertEquals(FPS_25, FrameRate.of(25));
        assertEquals(1001, FrameRate.of(60000, 2002).denominator());
        var e = assertThrows(IllegalArgumentException.class, () -> FrameRate.of(-24, 1));
        assertTrue(e.getMessage().contains("-24/1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameRate.of(24, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameRate.of(0));
    }

    @Test
    void toStringIsAlwaysNumeratorSlashDenominator() {
        assertEquals("30000/1001", FPS_29_97.toString());
        assertEquals("25/1", FPS_25.toString());
        assertEquals("24000/1001", FPS_23_976.toString());
    }

    @ParameterizedTest
    @CsvSource({"24000/1001, 24", "24, 24", "25, 25", "30000/1001, 30", "48000/1001, 48", "60000/1001, 60", "120, 120"})
    void timecodeBaseIsTheNominalRate(String rate, int base) {
        assertEquals(base, FrameRate.parse(rate).timecodeBase());
    }

    @Test
    void timecodeBaseOfUnusualRates() {
        assertEquals(13, FrameRate.of(25, 2).timecodeBase());
        assertEquals(1, FrameRate.of(1, 5).timecodeBase());
    }

    @Test
    void onlyNtsc30And60SupportDropFrame() {
        assertTrue(FPS_29_97.supportsDropFrame());
        assertTrue(FPS_59_94.supportsDropFrame());
        for (FrameRate rate : FrameRate.STANDARD) {
            if (!rate.equals(FPS_29_97) && !rate.equals(FPS_59_94)) {
                assertFalse(rate.supportsDropFrame(), rate.toString());
            }
        }
    }

    @Test
    void fpsAndSeconds() {
        assertEquals(29.97002997, FPS_29_97.fps(), 1e-8);
        assertEquals(1.001, FPS_29_97.secondsOf(30), 1e-12);
        assertEquals(3600.0, FPS_25.secondsOf(90000), 0.0);
    }

    @Test
    void framesInLandsExactBoundariesOnTheFrameTheyStart() {
        assertEquals(25, FPS_25.framesIn(1.0));
        assertEquals(30, FPS_29_97.framesIn(1.001)); // 1.001 * 30000 / 1001 is 29.999999999999996
        assertEquals(29, FrameRate.of(100).framesIn(0.29)); // 0.29 * 100 is 28.999999999999996
        assertEquals(29, FPS_29_97.framesIn(1.0));
        assertEquals(-1, FPS_25.framesIn(-0.01));
        assertThrows(IllegalArgumentException.class, () -> FPS_25.framesIn(Double.NaN));
    }

    @Test
    void frameAtTimeFloorsToTheFrameThatContainsTheTimestamp() {
        assertEquals(1, FPS_29_97.frameAtTime(3003, 1, 90_000));
        assertEquals(0, FPS_29_97.frameAtTime(3002, 1, 90_000));
        assertEquals(1, FPS_29_97.frameAtTime(1, 1001, 30_000));
        assertEquals(25, FPS_25.frameAtTime(48_000, 1, 48_000));
        assertEquals(-1, FPS_25.frameAtTime(-1, 1, 90_000));
        // A muxer rounding to milliseconds writes frame 1 at 33 ms, which is still inside frame 0.
        assertEquals(0, FPS_29_97.frameAtTime(33, 1, 1000));
    }

    @Test
    void timeOfFrameIsTheFirstTickInsideTheFrame() {
        assertEquals(3003, FPS_29_97.timeOfFrame(1, 1, 90_000));
        assertEquals(34, FPS_29_97.timeOfFrame(1, 1, 1000));
        assertEquals(1, FPS_29_97.timeOfFrame(1, 1001, 30_000));
        assertEquals(40, FPS_25.timeOfFrame(1, 1, 1000));
        assertEquals(-40, FPS_25.timeOfFrame(-1, 1, 1000));
        assertEquals(-33, FPS_29_97.timeOfFrame(-1, 1, 1000));
    }

    @Test
    void largeValuesAreExactWhereTheResultFits() {
        // Long.MAX_VALUE * 25 overflows a long; the answer does not.
        assertEquals(Long.MAX_VALUE / 3600, FPS_25.frameAtTime(Long.MAX_VALUE, 1, 90_000));
        assertEquals(Long.MAX_VALUE / 3600 * 3600, FPS_25.timeOfFrame(Long.MAX_VALUE / 3600, 1, 90_000));
        assertThrows(ArithmeticException.class, () -> FPS_25.timeOfFrame(Long.MAX_VALUE, 1, 90_000));
        assertThrows(
                ArithmeticException.class, () -> FrameRate.of(Integer.MAX_VALUE).frameAtTime(Long.MAX_VALUE, 1, 1));
    }

    @Test
    void timeBasesMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> FPS_25.frameAtTime(0, 0, 1000));
        assertTrue(e.getMessage().contains("0/1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FPS_25.timeOfFrame(0, 1, -1000));
    }
}
