package io.framewise.model.subtitles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CueFramesTest {

    @Test
    void atTwentyFiveTheStartFrameIsInAndTheEndFrameIsOut() {
        CueFrames frames = CueFrames.constantRate(100, 25, 1);
        // Frame 25 is at exactly 1 s, frame 50 at exactly 2 s: [1 s, 2 s) is frames 25..49.
        assertArrayEquals(new long[] {25, 50}, frames.frames(new Cue(1_000_000, 2_000_000, "x")));
        // A start a microsecond after a frame's time misses that frame.
        assertArrayEquals(new long[] {26, 50}, frames.frames(new Cue(1_000_001, 2_000_000, "x")));
        // An end a microsecond after a frame's time includes that frame.
        assertArrayEquals(new long[] {25, 51}, frames.frames(new Cue(1_000_000, 2_000_001, "x")));
    }

    @Test
    void at29_97TimesAreComparedExactly() {
        // Frame 30 is at 30*1001/30000 = 1.001 s; frame 29 at 0.967633.. s.
        CueFrames frames = CueFrames.constantRate(300, 30000, 1001);
        assertArrayEquals(new long[] {30, 60}, frames.frames(new Cue(1_001_000, 2_002_000, "x")));
        assertArrayEquals(new long[] {30, 60}, frames.frames(new Cue(968_000, 2_002_000, "x")));
        assertArrayEquals(new long[] {29, 60}, frames.frames(new Cue(967_633, 2_002_000, "x")));
    }

    @Test
    void at23_976WithTimeBaseTicks() {
        // A stream in 1/24000 with 1001 ticks per frame, as MP4 muxers write 23.976.
        long[] ticks = new long[48];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = i * 1001L;
        }
        CueFrames frames = new CueFrames(ticks, 1, 24000);
        // 1 s lands between frame 23 (0.959 s) and 24 (1.001 s).
        assertArrayEquals(new long[] {24, 48}, frames.frames(new Cue(1_000_000, 3_000_000, "x")));
        assertArrayEquals(new long[] {0, 24}, frames.frames(new Cue(0, 1_001_000, "x")));
    }

    @Test
    void cuesBetweenFramesAndPastTheEndAreLeftOut() {
        CueFrames frames = CueFrames.constantRate(50, 25, 1);
        List<CueFrames.Placed> placed = frames.place(List.of(
                new Cue(1_000_000, 1_040_000, "one frame"),
                new Cue(1_001_000, 1_039_000, "between frames"),
                new Cue(10_000_000, 11_000_000, "after the end"),
                new Cue(1_900_000, 9_000_000, "runs past the end")));
        assertEquals(2, placed.size());
        assertEquals(new CueFrames.Placed(0, 25, 26, new Cue(1_000_000, 1_040_000, "one frame")), placed.get(0));
        assertEquals(3, placed.get(1).index());
        assertEquals(48, placed.get(1).startFrame());
        assertEquals(50, placed.get(1).endFrame());
        assertEquals(1, CueFrames.search(placed, "ONE").size());
    }
}
