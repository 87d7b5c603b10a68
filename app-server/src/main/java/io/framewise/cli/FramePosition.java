package io.framewise.cli;

import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.util.Optional;

/**
 * A frame named on the command line: a 0-based index ("1234") or a SMPTE timecode ("01:00:41;08")
 * counted from the media's start timecode (00:00:00:00 when the media has none).
 */
record FramePosition(String text) {

    FramePosition {
        text = text.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty frame: give an index like 120 or a timecode like 00:00:05:00");
        }
    }

    boolean isTimecode() {
        return text.indexOf(':') >= 0 || text.indexOf(';') >= 0;
    }

    /** The frame index this position names in media with the given rate, start timecode and length. */
    long resolve(FrameRate rate, Optional<String> startTimecode, long frameCount) {
        long index;
        if (isTimecode()) {
            Timecode tc = Timecode.parse(text);
            Timecode start =
                    startTimecode.map(Timecode::parse).orElseGet(() -> new Timecode(0, 0, 0, 0, tc.dropFrame()));
            index = Timecode.indexOf(tc, start, rate);
        } else {
            try {
                index = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "not a frame: '" + text + "' (give an index like 120 or a timecode like 00:00:05:00)");
            }
        }
        if (index < 0 || index > frameCount) {
            throw new IllegalArgumentException("frame " + text + (isTimecode() ? " (index " + index + ")" : "")
                    + " is outside the media, which has frames 0 to " + (frameCount - 1));
        }
        return index;
    }
}
