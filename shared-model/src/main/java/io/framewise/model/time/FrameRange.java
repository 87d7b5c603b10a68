package io.framewise.model.time;

/** A half-open range of frame indices [in, out) (interim form; the full class lands with the time model). */
public record FrameRange(long in, long out) {

    public FrameRange {
        if (in < 0 || out <= in) {
            throw new IllegalArgumentException("frame range must satisfy 0 <= in < out, was [" + in + ", " + out + ")");
        }
    }

    public static FrameRange of(long in, long out) {
        return new FrameRange(in, out);
    }

    public long length() {
        return out - in;
    }

    @Override
    public String toString() {
        return "[" + in + ", " + out + ")";
    }
}
