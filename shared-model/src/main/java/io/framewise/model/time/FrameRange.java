package io.framewise.model.time;

import java.util.Optional;

/**
 * A run of frames {@code [in, out)} of one media item, by 0-based frame index.
 *
 * <p>Half-open so that lengths are {@code out - in}, adjacent ranges share a boundary without
 * overlapping, and a range up to the end of a media item of n frames is simply {@code [in, n)}.
 * Empty ranges are not allowed: a note or clip on no frame at all is always a bug upstream.
 */
public record FrameRange(long in, long out) {

    public FrameRange {
        if (in < 0 || out <= in) {
            throw new IllegalArgumentException("frame range needs 0 <= in < out, got in=" + in + ", out=" + out);
        }
    }

    public static FrameRange of(long in, long out) {
        return new FrameRange(in, out);
    }

    /** The range holding just one frame, which is what a note on a single frame covers. */
    public static FrameRange single(long frame) {
        if (frame == Long.MAX_VALUE) {
            throw new IllegalArgumentException("frame " + frame + " has no end frame in a long");
        }
        return new FrameRange(frame, frame + 1);
    }

    public long length() {
        return out - in;
    }

    public boolean contains(long frame) {
        return in <= frame && frame < out;
    }

    /** True when the ranges share at least one frame; ranges that only touch do not. */
    public boolean intersects(FrameRange other) {
        return in < other.out && other.in < out;
    }

    /** The frames both ranges cover, or empty when they share none. */
    public Optional<FrameRange> intersection(FrameRange other) {
        return intersects(other)
                ? Optional.of(new FrameRange(Math.max(in, other.in), Math.min(out, other.out)))
                : Optional.empty();
    }

    /**
     * This range cut to a media item of {@code frameCount} frames, for ranges that came from
     * elsewhere (an EDL, another version). Empty when no frame of the range exists in the media.
     *
     * @throws IllegalArgumentException if frameCount is negative
     */
    public Optional<FrameRange> clampTo(long frameCount) {
        if (frameCount < 0) {
            throw new IllegalArgumentException("frame count must not be negative, got " + frameCount);
        }
        return in < frameCount ? Optional.of(new FrameRange(in, Math.min(out, frameCount))) : Optional.empty();
    }

    /** "[in, out)", the notation that reminds readers the out frame is not included. */
    @Override
    public String toString() {
        return "[" + in + ", " + out + ")";
    }
}
