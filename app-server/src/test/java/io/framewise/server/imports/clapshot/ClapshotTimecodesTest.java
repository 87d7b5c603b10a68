package io.framewise.server.imports.clapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The documented rule {@code frame = round((h*3600 + m*60 + s) * fps) + ff}, where Clapshot's own
 * reading (floor) and an integer-rate SMPTE reading disagree (the sample README's cases).
 */
class ClapshotTimecodesTest {

    /** Clapshot's client: frame n written with the float rate, {@code FF = round(n mod fps)}. */
    private static String written(long n, double fps) {
        long s = (long) Math.floor(n / fps);
        long ff = (long) Math.floor(n % fps + 0.5);
        return String.format("%02d:%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60, ff);
    }

    @Test
    void recoversTheFrameANoteWasWrittenAt() {
        assertEquals(47, ClapshotTimecodes.frameOf("00:00:01:23", "23.976").getAsLong(), "Clapshot's floor says 46");
        assertEquals(
                1100, ClapshotTimecodes.frameOf("00:00:36:21", "29.970").getAsLong(), "integer-rate NDF says 1099");
        assertEquals(
                599, ClapshotTimecodes.frameOf("00:00:19:30", "29.970").getAsLong(), "FF may equal the nominal rate");
        assertEquals(179, ClapshotTimecodes.frameOf("00:00:02:59", "60.000").getAsLong());
        assertEquals(0, ClapshotTimecodes.frameOf("00:00:00:00", "25.000").getAsLong());
        // n mod fps is half a frame: Clapshot rounds 6.5 up to FF 7 and the bare rule would say 1506.
        assertEquals("00:00:50:07", written(1505, 29.97));
        assertEquals(1505, ClapshotTimecodes.frameOf("00:00:50:07", "29.970").getAsLong());
    }

    @Test
    void everyFrameOfAnHourRoundTripsAtTheCommonRates() {
        for (String fps :
                new String[] {"23.976", "24.000", "25.000", "29.970", "30.000", "50.000", "59.940", "60.000"}) {
            double rate = Double.parseDouble(fps);
            for (long n = 0; n < 3600 * 60; n += 7) {
                assertEquals(n, ClapshotTimecodes.frameOf(written(n, rate), fps).getAsLong(), fps + " frame " + n);
            }
        }
    }

    @Test
    void untimedAndUnreadableHaveNoFrame() {
        assertTrue(ClapshotTimecodes.frameOf(null, "25.000").isEmpty());
        assertTrue(ClapshotTimecodes.frameOf("", "25.000").isEmpty());
        assertTrue(ClapshotTimecodes.frameOf("12:34", "25.000").isEmpty());
        assertTrue(ClapshotTimecodes.frameOf("00:00:01:00", "0").isEmpty(), "audio and images have no rate");
        assertTrue(ClapshotTimecodes.frameOf("00:00:01:00", "NaN").isEmpty());
        assertTrue(ClapshotTimecodes.frameOf("00:00:01:00", null).isEmpty());
    }
}
