package io.framewise.server.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.framewise.model.subtitles.Cue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clapshot's {@code time_offset} applied to a track's cues when it is imported. */
class SubtitleStoreTest {

    private static final List<Cue> CUES = List.of(
            new Cue(500_000, 2_500_000, "Welcome"),
            new Cue(2_600_000, 5_000_000, "Brief"),
            new Cue(5_100_000, 7_900_000, "Timeline"));

    @Test
    void noOffsetKeepsTheCues() {
        assertSame(CUES, SubtitleStore.shifted(CUES, 0));
    }

    @Test
    void aPositiveOffsetMovesEveryCueLater() {
        List<Cue> out = SubtitleStore.shifted(CUES, 1_250_000);
        assertEquals(
                List.of(
                        new Cue(1_750_000, 3_750_000, "Welcome"),
                        new Cue(3_850_000, 6_250_000, "Brief"),
                        new Cue(6_350_000, 9_150_000, "Timeline")),
                out);
    }

    @Test
    void aNegativeOffsetDropsCuesBeforeTheStartAndCutsTheOneAcrossIt() {
        List<Cue> out = SubtitleStore.shifted(CUES, -3_000_000);
        assertEquals(List.of(new Cue(0, 2_000_000, "Brief"), new Cue(2_100_000, 4_900_000, "Timeline")), out);
    }
}
