package io.framewise.media.clip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRange;
import io.framewise.model.time.FrameRate;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ClipPlanTest {

    /** 250 frames at 25 fps with keyframes at {@code keys}. */
    private static FrameMap map(int... keys) {
        long[] pts = new long[250];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = i * 512L;
        }
        BitSet bits = new BitSet();
        for (int k : keys) {
            bits.set(k);
        }
        return new FrameMap(0, 1, 12800, FrameRate.of(25, 1), pts, bits, 250 * 512L);
    }

    @Test
    void copySnapsOutwardToKeyframes() {
        FrameMap m = map(0, 125);
        assertEquals(FrameRange.of(0, 250), ClipPlan.copyRange(m, FrameRange.of(30, 200)));
        assertEquals(FrameRange.of(0, 125), ClipPlan.copyRange(m, FrameRange.of(10, 60)));
        assertEquals(FrameRange.of(125, 250), ClipPlan.copyRange(m, FrameRange.of(125, 250)));
        assertEquals(FrameRange.of(0, 125), ClipPlan.copyRange(m, FrameRange.of(0, 125)));
    }

    @Test
    void copyStartsAtTheNextKeyframeWhenNoneIsShownBefore() {
        FrameMap m = map(25, 75);
        assertEquals(FrameRange.of(25, 75), ClipPlan.copyRange(m, FrameRange.of(10, 60)));
        assertNull(ClipPlan.copyRange(m, FrameRange.of(0, 20)));
    }

    @Test
    void smartSplitsIntoPartialGopsAndWholeGops() {
        FrameMap m = map(0, 50, 100, 150, 200);
        ClipPlan.Smart s = ClipPlan.smart(m, FrameRange.of(30, 170));
        assertEquals(new ClipPlan.Smart(30, 50, 150, 170), s);
        assertEquals(40, s.reencoded());
        assertEquals(100, s.copied());
        assertEquals(new ClipPlan.Smart(50, 50, 150, 150), ClipPlan.smart(m, FrameRange.of(50, 150)));
        assertEquals(new ClipPlan.Smart(30, 50, 250, 250), ClipPlan.smart(m, FrameRange.of(30, 250)));
        assertEquals(new ClipPlan.Smart(120, 150, 150, 160), ClipPlan.smart(m, FrameRange.of(120, 160)));
        assertTrue(ClipPlan.smart(m, FrameRange.of(120, 160)).hasKeyframeInside());
        assertFalse(ClipPlan.smart(m, FrameRange.of(110, 140)).hasKeyframeInside());
    }
}
