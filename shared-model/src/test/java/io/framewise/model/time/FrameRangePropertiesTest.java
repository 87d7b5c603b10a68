package io.framewise.model.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class FrameRangePropertiesTest {

    @Provide
    Arbitrary<FrameRange> ranges() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 200), Arbitraries.longs().between(1, 50))
                .as((in, length) -> FrameRange.of(in, in + length));
    }

    @Property(tries = 1000)
    void intersectionHoldsExactlyTheFramesInBoth(
            @ForAll("ranges") FrameRange a,
            @ForAll("ranges") FrameRange b,
            @ForAll @LongRange(min = 0, max = 260) long frame) {
        boolean inBoth = a.contains(frame) && b.contains(frame);
        assertEquals(inBoth, a.intersection(b).map(r -> r.contains(frame)).orElse(false));
        assertEquals(a.intersection(b), b.intersection(a));
        assertEquals(a.intersects(b), a.intersection(b).isPresent());
    }

    @Property(tries = 1000)
    void clampKeepsExactlyTheFramesThatExist(
            @ForAll("ranges") FrameRange r,
            @ForAll @LongRange(min = 0, max = 260) long frameCount,
            @ForAll @LongRange(min = 0, max = 260) long frame) {
        boolean kept = r.contains(frame) && frame < frameCount;
        assertEquals(kept, r.clampTo(frameCount).map(c -> c.contains(frame)).orElse(false));
    }
}
