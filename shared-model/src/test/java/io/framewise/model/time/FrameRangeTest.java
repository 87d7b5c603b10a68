package io.framewise.model.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameRangeTest {

    @Test
    void isHalfOpen() {
        FrameRange r = FrameRange.of(10, 20);
        assertEquals(10, r.length());
        assertTrue(r.contains(10));
        assertTrue(r.contains(19));
        assertFalse(r.contains(20));
        assertFalse(r.contains(9));
        assertEquals("[10, 20)", r.toString());
    }

    @Test
    void singleHoldsOneFrame() {
        FrameRange r = FrameRange.single(1234);
        assertEquals(new FrameRange(1234, 1235), r);
        assertEquals(1, r.length());
        assertThrows(IllegalArgumentException.class, () -> FrameRange.single(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> FrameRange.single(-1));
    }

    @Test
    void invalidRangesNameTheirValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> FrameRange.of(5, 3));
        assertEquals("frame range needs 0 <= in < out, got in=5, out=3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameRange.of(5, 5));
        var negative = assertThrows(IllegalArgumentException.class, () -> FrameRange.of(-1, 3));
        assertTrue(negative.getMessage().contains("in=-1"), negative.getMessage());
    }

    @Test
    void touchingRangesDoNotIntersect() {
        FrameRange a = FrameRange.of(0, 10);
        FrameRange b = FrameRange.of(10, 20);
        assertFalse(a.intersects(b));
        assertEquals(Optional.empty(), a.intersection(b));
    }

    @Test
    void overlappingRangesShareTheirCommonFrames() {
        FrameRange a = FrameRange.of(0, 10);
        FrameRange b = FrameRange.of(5, 20);
        assertTrue(a.intersects(b));
        assertEquals(Optional.of(FrameRange.of(5, 10)), a.intersection(b));
        assertEquals(Optional.of(FrameRange.of(6, 7)), FrameRange.of(0, 100).intersection(FrameRange.single(6)));
    }

    @Test
    void clampCutsToTheMedia() {
        assertEquals(Optional.of(FrameRange.of(90, 100)), FrameRange.of(90, 120).clampTo(100));
        assertEquals(Optional.of(FrameRange.of(10, 20)), FrameRange.of(10, 20).clampTo(100));
        assertEquals(Optional.empty(), FrameRange.of(100, 120).clampTo(100));
        assertEquals(Optional.empty(), FrameRange.of(0, 1).clampTo(0));
        var e = assertThrows(
                IllegalArgumentException.class, () -> FrameRange.of(0, 1).clampTo(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
