package io.framewise.model.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TimecodePropertiesTest {

    /** A mode with a frame count anywhere in ten days either side of midnight. */
    record Count(TimecodeMode mode, long frames) {}

    /** A mode, a start label (often just before midnight) and a frame index within one day. */
    record Indexed(TimecodeMode mode, Timecode start, long index) {}

    @Provide
    Arbitrary<Count> counts() {
        return Arbitraries.of(TimecodeMode.ALL).flatMap(mode -> {
            long day = mode.framesPerDay();
            return Arbitraries.longs().between(-10 * day, 10 * day).map(n -> new Count(mode, n));
        });
    }

    @Provide
    Arbitrary<Indexed> indexed() {
        return Arbitraries.of(TimecodeMode.ALL).flatMap(mode -> {
            long day = mode.framesPerDay();
            Arbitrary<Long> startCount = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, day - 1)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(day - 200, day - 1)));
            Arbitrary<Long> index = Arbitraries.longs().between(0, day - 1);
            return Combinators.combine(startCount, index)
                    .as((s, i) -> new Indexed(mode, Timecode.fromFrameCount(s, mode.rate(), mode.dropFrame()), i));
        });
    }

    private static Timecode label(Count c) {
        return Timecode.fromFrameCount(c.frames(), c.mode().rate(), c.mode().dropFrame());
    }

    @Property(tries = 1000)
    void frameCountRoundTripsModuloOneDay(@ForAll("counts") Count c) {
        long day = c.mode().framesPerDay();
        assertEquals(
                Math.floorMod(c.frames(), day), label(c).toFrameCount(c.mode().rate()));
    }

    @Property(tries = 1000)
    void nextFrameHasTheNextLabel(@ForAll("counts") Count c) {
        Timecode next = Timecode.fromFrameCount(
                c.frames() + 1, c.mode().rate(), c.mode().dropFrame());
        assertEquals(c.mode().next(label(c)), next);
    }

    @Property(tries = 1000)
    void parseReadsWhatToStringWrites(@ForAll("counts") Count c) {
        Timecode tc = label(c);
        assertEquals(tc, Timecode.parse(tc.toString()));
    }

    @Property(tries = 1000)
    void dropFrameNotationsAllParseToTheSameLabel(@ForAll("counts") Count c) {
        Timecode tc = label(c);
        String hms = tc.toString().substring(0, 8);
        String ff = tc.toString().substring(9);
        Timecode df = new Timecode(tc.hours(), tc.minutes(), tc.seconds(), tc.frames(), true);
        assertEquals(df, Timecode.parse(hms + ";" + ff));
        assertEquals(df, Timecode.parse(hms + "." + ff));
        assertEquals(df, Timecode.parse(hms.replace(':', ';') + ";" + ff));
        assertEquals(
                new Timecode(tc.hours(), tc.minutes(), tc.seconds(), tc.frames(), false),
                Timecode.parse(hms + ":" + ff));
    }

    @Property(tries = 1000)
    void indexOfUndoesOfIndex(@ForAll("indexed") Indexed x) {
        Timecode tc = Timecode.ofIndex(x.index(), x.start(), x.mode().rate());
        assertEquals(x.index(), Timecode.indexOf(tc, x.start(), x.mode().rate()));
        assertEquals(x.mode().dropFrame(), tc.dropFrame());
    }

    @Property(tries = 1000)
    void ofIndexUndoesIndexOf(@ForAll("indexed") Indexed x) {
        FrameRate rate = x.mode().rate();
        Timecode anyLabel =
                Timecode.fromFrameCount(x.index() * 7919, rate, x.mode().dropFrame());
        long index = Timecode.indexOf(anyLabel, x.start(), rate);
        assertEquals(anyLabel, Timecode.ofIndex(index, x.start(), rate));
    }

    @Property(tries = 1000)
    void ofIndexRollsOverAtMidnight(@ForAll("indexed") Indexed x) {
        FrameRate rate = x.mode().rate();
        long day = x.mode().framesPerDay();
        long expected = (x.start().toFrameCount(rate) + x.index()) % day;
        assertEquals(expected, Timecode.ofIndex(x.index(), x.start(), rate).toFrameCount(rate));
        assertEquals(
                x.start(), Timecode.ofIndex(x.index() + day, x.start(), rate).plusFrames(-x.index(), rate));
    }

    @Property(tries = 1000)
    void plusFramesAdds(
            @ForAll("counts") Count c,
            @ForAll @net.jqwik.api.constraints.LongRange(min = -10_000_000, max = 10_000_000) long a,
            @ForAll @net.jqwik.api.constraints.LongRange(min = -10_000_000, max = 10_000_000) long b) {
        FrameRate rate = c.mode().rate();
        Timecode tc = label(c);
        assertEquals(tc.plusFrames(a + b, rate), tc.plusFrames(a, rate).plusFrames(b, rate));
        assertEquals(tc, tc.plusFrames(a, rate).plusFrames(-a, rate));
    }

    @Property(tries = 1000)
    void droppedLabelsAreRejected(
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 23) int hours,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 59) int minutes,
            @ForAll boolean at5994,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int frames) {
        FrameRate rate = at5994 ? FrameRate.FPS_59_94 : FrameRate.FPS_29_97;
        int dropped = at5994 ? 4 : 2;
        Timecode tc = new Timecode(hours, minutes, 0, frames, true);
        if (minutes % 10 != 0 && frames < dropped) {
            assertThrows(IllegalArgumentException.class, () -> tc.toFrameCount(rate));
        } else {
            assertEquals(tc, Timecode.fromFrameCount(tc.toFrameCount(rate), rate, true));
        }
    }
}
