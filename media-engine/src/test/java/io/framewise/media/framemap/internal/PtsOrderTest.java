package io.framewise.media.framemap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Packets are put in presentation order by a stable sort. */
class PtsOrderTest {

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
