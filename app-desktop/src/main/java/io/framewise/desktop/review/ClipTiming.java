package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;

/**
 * The facts that turn a frame index into what people read: frame count, exact rate, start
 * timecode (its drop-frame flag is the media's) and start frame (the number index 0 shows in frame
 * mode: an image sequence's first file number, 1001 for a VFX shot; else 0).
 */
public record ClipTiming(long frameCount, FrameRate rate, Timecode start, long startFrame) {

    public ClipTiming(long frameCount, FrameRate rate, Timecode start) {
        this(frameCount, rate, start, 0);
    }

    public ClipTiming {
        if (startFrame < 0) {
            throw new IllegalArgumentException("startFrame must not be negative, was " + startFrame);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frameCount must not be negative, was " + frameCount);
        }
        if (start.dropFrame() && !rate.supportsDropFrame()) {
            throw new IllegalArgumentException("drop-frame timecode does not exist at " + rate);
        }
    }

    /** From the server's media view; a missing start timecode is 00:00:00:00 (;00 when drop-frame). */
    public static ClipTiming of(MediaItem item) {
        if (item.frameCount() == null || item.frameRate() == null) {
            throw new IllegalArgumentException(item.name() + " has no video frames to review");
        }
        FrameRate rate = FrameRate.parse(item.frameRate());
        boolean drop = Boolean.TRUE.equals(item.dropFrame()) && rate.supportsDropFrame();
        Timecode start =
                item.startTimecode() == null ? new Timecode(0, 0, 0, 0, drop) : Timecode.parse(item.startTimecode());
        if (start.dropFrame() != drop) {
            start = new Timecode(start.hours(), start.minutes(), start.seconds(), start.frames(), drop);
        }
        long startFrame = item.startFrame() == null ? 0 : Math.max(0, item.startFrame());
        return new ClipTiming(item.frameCount(), rate, start, startFrame);
    }

    public long lastFrame() {
        return Math.max(0, frameCount - 1);
    }

    /** The number frame {@code index} shows in frame mode. */
    public long frameNumberOf(long index) {
        return startFrame + index;
    }

    public Timecode timecodeOf(long index) {
        return Timecode.ofIndex(index, start, rate);
    }
}
