package io.framewise.media.still.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;

/**
 * How stored pixels are turned to be shown upright, read from a stream's display matrix exactly as the
 * ffmpeg command line's autorotation reads it (quarter turns and mirror flips; other angles are shown
 * as stored). Applied to packed RGB after conversion.
 *
 * <p>Output pixel ({@code x'}, {@code y'}) comes from stored pixel ({@code sx}, {@code sy}): with
 * {@code transpose} the axes swap first ({@code sx = y'}, {@code sy = x'}), then {@code flipX} and
 * {@code flipY} mirror the stored coordinate.
 */
record Orientation(boolean transpose, boolean flipX, boolean flipY) {

    static final Orientation UPRIGHT = new Orientation(false, false, false);

    /** Display matrices hold nine 32-bit values (16.16 and 2.30 fixed point). */
    private static final int MATRIX_SIZE = 9 * Integer.BYTES;

    /** The orientation the stream's display matrix asks for; upright when there is none. */
    static Orientation of(AVCodecParameters codecpar) {
        AVPacketSideData sd = av_packet_side_data_get(
                codecpar.coded_side_data(), codecpar.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.data() == null || sd.size() < MATRIX_SIZE) {
            return UPRIGHT;
        }
        IntPointer matrix = new IntPointer(sd.data());
        int[] m = new int[9];
        matrix.get(m);
        double rotation = avutil.av_display_rotation_get(m);
        return fromMatrix(m, rotation);
    }

    /** The fftools rule: which transpose or flips a matrix with this counter-clockwise rotation needs. */
    static Orientation fromMatrix(int[] m, double counterClockwiseDegrees) {
        if (Double.isNaN(counterClockwiseDegrees)) {
            return UPRIGHT;
        }
        double theta = -Math.round(counterClockwiseDegrees);
        theta -= 360 * Math.floor(theta / 360 + 0.9 / 360);
        if (Math.abs(theta - 90) < 1.0) {
            // "clock", or "cclock_flip" (a plain transpose) when the matrix mirrors too.
            return m[3] > 0 ? new Orientation(true, false, false) : new Orientation(true, false, true);
        }
        if (Math.abs(theta - 180) < 1.0) {
            return new Orientation(false, m[0] < 0, m[4] < 0);
        }
        if (Math.abs(theta - 270) < 1.0) {
            // "cclock", or "clock_flip" when the matrix mirrors too.
            return m[3] < 0 ? new Orientation(true, true, true) : new Orientation(true, true, false);
        }
        if (Math.abs(theta) < 1.0) {
            return new Orientation(false, false, m[4] < 0);
        }
        return UPRIGHT;
    }

    boolean isUpright() {
        return !transpose && !flipX && !flipY;
    }

    /** Width shown for a stored picture of {@code width} x {@code height}. */
    int shownWidth(int width, int height) {
        return transpose ? height : width;
    }

    /** Height shown for a stored picture of {@code width} x {@code height}. */
    int shownHeight(int width, int height) {
        return transpose ? width : height;
    }

    /** The stored {@code rgb} picture ({@code width} x {@code height}, packed) turned upright. */
    byte[] apply(byte[] rgb, int width, int height) {
        if (isUpright()) {
            return rgb;
        }
        int outW = shownWidth(width, height);
        int outH = shownHeight(width, height);
        byte[] out = new byte[rgb.length];
        int o = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx = transpose ? y : x;
                int sy = transpose ? x : y;
                if (flipX) {
                    sx = width - 1 - sx;
                }
                if (flipY) {
                    sy = height - 1 - sy;
                }
                int s = (sy * width + sx) * 3;
                out[o] = rgb[s];
                out[o + 1] = rgb[s + 1];
                out[o + 2] = rgb[s + 2];
                o += 3;
            }
        }
        return out;
    }
}
