package io.framewise.model.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every frame of a day at every standard rate: a wrong label anywhere in 24 hours (a
 * ten-minute boundary at 23:50, the last frame before midnight) is exactly what random sampling
 * misses.
 */
class TimecodeWholeDayTest {

    static List<TimecodeMode> modes() {
        return TimecodeMode.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void everyFrameOfTheDayHasTheNextLabelAndRoundTrips(TimecodeMode mode) {
        FrameRate rate = mode.rate();
        long day = mode.framesPerDay();
        Timecode expected = mode.midnight();
        for (long n = 0; n < day; n++) {
            Timecode tc = Timecode.fromFrameCount(n, rate, mode.dropFrame());
            if (!tc.equals(expected)) {
                fail("frame " + n + " at " + mode + ": expected " + expected + " but was " + tc);
            }
            long back = tc.toFrameCount(rate);
            if (back != n) {
                fail(tc + " at " + mode + ": expected frame " + n + " but was " + back);
            }
            expected = mode.next(tc);
        }
        assertEquals(mode.midnight(), expected, "the label after the last frame of the day");
        assertEquals(mode.midnight(), Timecode.fromFrameCount(day, rate, mode.dropFrame()));
        assertEquals(
                new Timecode(23, 59, 59, mode.base() - 1, mode.dropFrame()),
                Timecode.fromFrameCount(day - 1, rate, mode.dropFrame()));
    }
}
