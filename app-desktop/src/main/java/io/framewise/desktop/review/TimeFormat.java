package io.framewise.desktop.review;

import java.util.Locale;

/** How the playhead is shown; the frame index underneath never changes. */
public enum TimeFormat {
    TIMECODE("Timecode"),
    FRAMES("Frames"),
    SECONDS("Seconds");

    private final String label;

    TimeFormat(String label) {
        this.label = label;
    }

    public String format(long index, ClipTiming timing) {
        return switch (this) {
            case TIMECODE -> timing.timecodeOf(index).toString();
            case FRAMES -> Long.toString(timing.frameNumberOf(index));
            case SECONDS -> String.format(Locale.ROOT, "%.3f s", timing.rate().secondsOf(index));
        };
    }

    public TimeFormat next() {
        return values()[(ordinal() + 1) % values().length];
    }

    @Override
    public String toString() {
        return label;
    }
}
