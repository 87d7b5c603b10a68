package io.framewise.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Progress;
import java.util.List;

/** Checks on the progress reports of a long operation. */
public final class ProgressAssertions {

    private ProgressAssertions() {}

    /** Reports came, never went backwards, and the last one says 1.0. */
    public static void assertReachesOneMonotonically(List<Progress> progress) {
        assertFalse(progress.isEmpty(), "progress was reported");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i).fraction() >= progress.get(i - 1).fraction(), "monotonic: " + progress);
            assertTrue(progress.get(i).framesDone() >= progress.get(i - 1).framesDone(), "frames monotonic");
        }
        assertEquals(1.0, progress.get(progress.size() - 1).fraction());
    }
}
