package io.framewise.media.framemap;

import io.framewise.model.time.FrameRate;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * The frames of one video stream in presentation order: the pts (in the stream's time base) and the
 * keyframe flag of each. Frame index {@code i} is the i-th picture a viewer sees, counted from 0; this
 * map is how every part of the product turns an index into a timestamp and back, for constant and
 * variable frame rates alike.
 *
 * <p>Immutable and thread-safe. Serialises to a compact byte form (delta-coded pts) so a server can
 * keep it next to the media and skip rebuilding it.
 */
public final class FrameMap {

    private static final int MAGIC = 0x46574d31; // "FWM1"

    private final int streamIndex;
    private final long timeBaseNum;
    private final long timeBaseDen;
    private final FrameRate frameRate;
    private final long[] pts;
    private final BitSet keyframes;
    private final long endPts;

    /**
     * @param pts presentation timestamps, strictly increasing
     * @param keyframes which indices are keyframes (random access points)
     * @param endPts the pts just after the last frame (last pts plus its duration)
     */
    public FrameMap(
            int streamIndex,
            long timeBaseNum,
            long timeBaseDen,
            FrameRate frameRate,
            long[] pts,
            BitSet keyframes,
            long endPts) {
        if (timeBaseNum <= 0 || timeBaseDen <= 0) {
            throw new IllegalArgumentException("time base must be positive: " + timeBaseNum + "/" + timeBaseDen);
        }
        for (int i = 1; i < pts.length; i++) {
            if (pts[i] <= pts[i - 1]) {
                throw new IllegalArgumentException(
                        "pts must increase: frame " + i + " has " + pts[i] + " after " + pts[i - 1]);
            }
        }
        if (pts.length > 0 && endPts <= pts[pts.length - 1]) {
            throw new IllegalArgumentException("endPts " + endPts + " must follow the last pts " + pts[pts.length - 1]);
        }
        this.streamIndex = streamIndex;
        this.timeBaseNum = timeBaseNum;
        this.timeBaseDen = timeBaseDen;
        this.frameRate = Objects.requireNonNull(frameRate, "frameRate");
        this.pts = pts.clone();
        this.keyframes = (BitSet) keyframes.clone();
        this.endPts = endPts;
    }

    public int streamIndex() {
        return streamIndex;
    }

    public long timeBaseNum() {
        return timeBaseNum;
    }

    public long timeBaseDen() {
        return timeBaseDen;
    }

    /** The nominal frame rate (what timecode counts in); the pts are the truth for VFR media. */
    public FrameRate frameRate() {
        return frameRate;
    }

    public long frameCount() {
        return pts.length;
    }

    public long pts(long frame) {
        return pts[at(frame)];
    }

    /** The pts just after the last frame. */
    public long endPts() {
        return endPts;
    }

    /** How long {@code frame} is shown, in time-base ticks. */
    public long duration(long frame) {
        int i = at(frame);
        return (i + 1 < pts.length ? pts[i + 1] : endPts) - pts[i];
    }

    public boolean isKeyframe(long frame) {
        return keyframes.get(at(frame));
    }

    public long keyframeCount() {
        return keyframes.cardinality();
    }

    /** The last keyframe at or before {@code frame}, or -1 when frames before the first keyframe are asked. */
    public long keyframeAtOrBefore(long frame) {
        return keyframes.previousSetBit(at(frame));
    }

    /** The first keyframe after {@code frame}, or {@link #frameCount()} when there is none. */
    public long keyframeAfter(long frame) {
        if (frame + 1 >= pts.length) {
            return pts.length;
        }
        int next = keyframes.nextSetBit((int) Math.max(0, frame + 1));
        return next < 0 || next >= pts.length ? pts.length : next;
    }

    /** The index of the frame with exactly this pts, or -1. */
    public long indexOfPts(long value) {
        int i = Arrays.binarySearch(pts, value);
        return i >= 0 ? i : -1;
    }

    /**
     * The frame on screen at time {@code value} (the last frame whose pts is at or before it); 0 for
     * times before the first frame and the last index for times past the end.
     */
    public long frameAtPts(long value) {
        if (pts.length == 0) {
            throw new IllegalStateException("the frame map is empty");
        }
        int i = Arrays.binarySearch(pts, value);
        if (i >= 0) {
            return i;
        }
        int insertion = -i - 1;
        return Math.max(0, Math.min(pts.length - 1, insertion - 1));
    }

    /** Seconds from the first frame to {@code frame}. */
    public double secondsOf(long frame) {
        return ticksToSeconds(pts(frame) - pts[0]);
    }

    /** Seconds from the first frame to the end of the last frame. */
    public double durationSeconds() {
        return pts.length == 0 ? 0 : ticksToSeconds(endPts - pts[0]);
    }

    /** The frame on screen {@code seconds} after the first frame. */
    public long frameAtSeconds(double seconds) {
        long ticks = Math.round(seconds * timeBaseDen / timeBaseNum);
        // Half a tick of tolerance so that secondsOf(i) maps back to i despite rounding.
        return frameAtPts(pts[0] + ticks);
    }

    /**
     * Whether frame durations vary by more than timestamp rounding (one tick or 1%, whichever is larger)
     * from the typical duration.
     */
    public boolean isVariableFrameRate() {
        if (pts.length < 3) {
            return false;
        }
        long[] deltas = new long[pts.length - 1];
        for (int i = 1; i < pts.length; i++) {
            deltas[i - 1] = pts[i] - pts[i - 1];
        }
        long[] sorted = deltas.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long tolerance = Math.max(1, median / 100);
        for (long d : deltas) {
            if (Math.abs(d - median) > tolerance) {
                return true;
            }
        }
        return false;
    }

    /** A copy of all pts, in presentation order. */
    public long[] allPts() {
        return pts.clone();
    }

    /** The array position of {@code frame}, which must be one of this map's frames. */
    private int at(long frame) {
        return (int) Objects.checkIndex(frame, (long) pts.length);
    }

    private double ticksToSeconds(long ticks) {
        return (double) ticks * timeBaseNum / timeBaseDen;
    }

    /** The compact serial form: a header, zig-zag varint pts deltas and the keyframe bits. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + pts.length * 2 + pts.length / 8);
        ByteBuffer header = ByteBuffer.allocate(48);
        header.putInt(MAGIC)
                .putInt(streamIndex)
                .putLong(timeBaseNum)
                .putLong(timeBaseDen)
                .putInt(frameRate.numerator())
                .putInt(frameRate.denominator())
                .putInt(pts.length);
        out.write(header.array(), 0, header.position());
        long previous = 0;
        long previousDelta = 0;
        for (long p : pts) {
            long delta = p - previous;
            // Second-order deltas are zero for constant frame rates: one byte per frame.
            writeVarLong(out, zigZag(delta - previousDelta));
            previousDelta = delta;
            previous = p;
        }
        writeVarLong(out, zigZag(endPts - previous));
        byte[] bits = keyframes.toByteArray();
        writeVarLong(out, bits.length);
        out.write(bits, 0, bits.length);
        return out.toByteArray();
    }

    /** Reads the form written by {@link #toBytes()}; rejects anything else with a clear message. */
    public static FrameMap fromBytes(byte[] data) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            if (in.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a frame map (bad magic)");
            }
            int stream = in.getInt();
            long tbNum = in.getLong();
            long tbDen = in.getLong();
            FrameRate rate = FrameRate.of(in.getInt(), in.getInt());
            int count = in.getInt();
            if (count < 0 || count > data.length) {
                throw new IllegalArgumentException("frame map claims " + count + " frames");
            }
            long[] pts = new long[count];
            long previous = 0;
            long previousDelta = 0;
            for (int i = 0; i < count; i++) {
                long delta = previousDelta + unZigZag(readVarLong(in));
                pts[i] = previous + delta;
                previous = pts[i];
                previousDelta = delta;
            }
            long end = previous + unZigZag(readVarLong(in));
            int bitLength = (int) readVarLong(in);
            if (bitLength < 0 || bitLength > in.remaining()) {
                throw new IllegalArgumentException("frame map keyframe bits are truncated");
            }
            byte[] bits = new byte[bitLength];
            in.get(bits);
            return new FrameMap(stream, tbNum, tbDen, rate, pts, BitSet.valueOf(bits), end);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("frame map is truncated", e);
        }
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVarLong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarLong(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("frame map varint is too long");
    }

    @Override
    public String toString() {
        return "FrameMap[" + pts.length + " frames, " + keyframes.cardinality() + " keyframes, " + frameRate
                + " fps, tb " + timeBaseNum + "/" + timeBaseDen + "]";
    }
}
