package io.framewise.model.time;

import java.util.List;

/** A frame rate with a counting mode, as media carry them; the test oracle for label order. */
record TimecodeMode(FrameRate rate, boolean dropFrame) {

    /** Every standard rate, drop-frame and non-drop where drop-frame exists. */
    static final List<TimecodeMode> ALL = List.of(
            new TimecodeMode(FrameRate.FPS_23_976, false),
            new TimecodeMode(FrameRate.FPS_24, false),
            new TimecodeMode(FrameRate.FPS_25, false),
            new TimecodeMode(FrameRate.FPS_29_97, true),
            new TimecodeMode(FrameRate.FPS_29_97, false),
            new TimecodeMode(FrameRate.FPS_30, false),
            new TimecodeMode(FrameRate.FPS_47_952, false),
            new TimecodeMode(FrameRate.FPS_48, false),
            new TimecodeMode(FrameRate.FPS_50, false),
            new TimecodeMode(FrameRate.FPS_59_94, true),
            new TimecodeMode(FrameRate.FPS_59_94, false),
            new TimecodeMode(FrameRate.FPS_60, false),
            new TimecodeMode(FrameRate.FPS_119_88, false),
            new TimecodeMode(FrameRate.FPS_120, false));

    /** Labels per timecode second, written out rather than taken from the code under test. */
    int base() {
        return (int) Math.round(rate.fps());
    }

    /** Labels skipped per drop minute, from SMPTE 12M: 2 at 29.97, 4 at 59.94. */
    int dropped() {
        if (!dropFrame) {
            return 0;
        }
        return rate.equals(FrameRate.FPS_29_97) ? 2 : 4;
    }

    long framesPerDay() {
        return Timecode.framesPerDay(rate, dropFrame);
    }

    /** The label after {@code tc}, counted the way a timecode generator does, independently. */
    Timecode next(Timecode tc) {
        int h = tc.hours();
        int m = tc.minutes();
        int s = tc.seconds();
        int f = tc.frames() + 1;
        if (f == base()) {
            f = 0;
            if (++s == 60) {
                s = 0;
                if (++m == 60) {
                    m = 0;
                    if (++h == 24) {
                        h = 0;
                    }
                }
            }
        }
        if (dropFrame && s == 0 && f == 0 && m % 10 != 0) {
            f = dropped();
        }
        return new Timecode(h, m, s, f, dropFrame);
    }

    Timecode midnight() {
        return new Timecode(0, 0, 0, 0, dropFrame);
    }

    @Override
    public String toString() {
        return rate + (dropFrame ? " DF" : " NDF");
    }
}
