package io.framewise.server.interchange.markers;

import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.util.Objects;

/**
 * The media item markers are exported for: what every format needs to put frame indices onto the
 * editing application's timeline. Frame 0 carries the {@code start} label, so frame N is the label
 * N frames later in the start's counting mode (drop-frame or not).
 *
 * @param name the media's file name, used as clip and sequence name
 * @param rate the video's exact rate
 * @param start the first frame's timecode; its drop-frame flag is the media's
 * @param frameCount how many frames the media has
 * @param width picture width in pixels (0 when unknown)
 * @param height picture height in pixels (0 when unknown)
 */
public record MarkerMedia(String name, FrameRate rate, Timecode start, long frameCount, int width, int height) {

    public MarkerMedia {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(start, "start");
        if (start.dropFrame() && !rate.supportsDropFrame()) {
            throw new IllegalArgumentException("drop-frame start " + start + " at " + rate);
        }
        if (frameCount < 1) {
            throw new IllegalArgumentException("frameCount must be positive, got " + frameCount);
        }
        start.toFrameCount(rate); // the label must exist at this rate
    }

    /**
     * The media's description from what probing found: the start label read in the probe's
     * counting mode, 00:00:00:00 when the file has none.
     */
    public static MarkerMedia of(
            String name, FrameRate rate, String startTimecode, boolean dropFrame, long frameCount, int w, int h) {
        boolean drop = dropFrame && rate.supportsDropFrame();
        Timecode start = startTimecode == null || startTimecode.isBlank()
                ? new Timecode(0, 0, 0, 0, drop)
                : Timecode.parse(startTimecode);
        start = new Timecode(start.hours(), start.minutes(), start.seconds(), start.frames(), drop);
        return new MarkerMedia(name, rate, start, frameCount, w, h);
    }

    /** The label of a frame of this media. */
    public Timecode timecode(long frame) {
        return Timecode.ofIndex(frame, start, rate);
    }

    /** Frames from 00:00:00:00 to the start label: where the media's time begins in source terms. */
    public long startFrames() {
        return start.toFrameCount(rate);
    }

    /** A length in frames written as a timecode (from 00:00:00:00), in the media's counting mode. */
    public Timecode duration(long frames) {
        return Timecode.fromFrameCount(frames, rate, start.dropFrame());
    }

    /** The name without its extension, for titles. */
    public String baseName() {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
