package io.framewise.media.framemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The frame map holds what the file really has, up to a cap; past it, a clear refusal. */
class FrameCapTest {

    @Test
    void moreFramesThanTheCapFailWithTheReason() {
        Path file = TestMedia.get(Variant.H264_LONG_GOP);
        MediaException e = assertThrows(MediaException.Unsupported.class, () -> FrameMapBuilder.build(file, 100));
        assertTrue(e.getMessage().contains("more than 100 frames"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

        MediaException probed = assertThrows(MediaException.Unsupported.class, () -> MediaProbe.probe(file, 249));
        assertTrue(probed.getMessage().contains("more than 249 frames"), probed.getMessage());

        assertEquals(250, FrameMapBuilder.build(file, 250).frameCount(), "exactly the cap is fine");
        assertEquals(250, MediaProbe.probe(file, 250).video().orElseThrow().frameCount());
    }

    @Test
    void ptsOrderIsAStableSortByTimestamp() {
        Random random = new Random(11);
        for (int n : new int[] {0, 1, 2, 3, 7, 64, 1000, 4097}) {
            long[] pts = new long[n + 5];
            for (int i = 0; i < n; i++) {
                // Few distinct values, so ties are common and stability is tested.
                pts[i] = random.nextInt(Math.max(1, n / 3));
            }
            int[] expected = IntStream.range(0, n)
                    .boxed()
                    .sorted(Comparator.comparingLong(i -> pts[i]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            assertArrayEquals(expected, PtsOrder.sort(pts, n), "n=" + n + " " + Arrays.toString(pts));
        }
    }
}
