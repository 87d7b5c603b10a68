package io.framewise.media.waveform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The peak buffer grows with the audio it is given, never with what a header claims. */
class PeakAccumulatorTest {

    @Test
    void theBufferGrowsFromSmallAndStopsAtTheCap() {
        PeakAccumulator acc = new PeakAccumulator(Path.of("x.wav"), 1, 20_000, "too long");
        assertEquals(PeakAccumulator.INITIAL_PEAKS, acc.capacity());
        float[] samples = new float[20_000];
        acc.add(samples, 20_000, 1);
        assertEquals(20_000, acc.capacity(), "growth stops at the cap, not at the next power of two");
        MediaException e = assertThrows(MediaException.Unsupported.class, () -> acc.add(new float[] {0.5f}, 1, 1));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }
}
