package io.framewise.media.still.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.framewise.media.ffmpeg.internal.Ffmpeg;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Display matrices as FFmpeg writes them ({@code av_display_rotation_set}: turn the picture this many
 * degrees clockwise to show it; {@code ffmpeg -display_rotation} counts the other way) give the
 * picture a viewer expects. Picture content through a
 * real rotated file is covered by {@link FrameReaderTest}; this covers the turns no test file has.
 */
class OrientationTest {

    /** A stored 3x2 picture whose pixels are numbered 0..5 in the red byte, row by row. */
    private static final int W = 3;

    private static final int H = 2;

    @BeforeAll
    static void loadFfmpeg() {
        Ffmpeg.init();
    }

    private static byte[] stored() {
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            rgb[i * 3] = (byte) i;
        }
        return rgb;
    }

    /** The red bytes of a packed picture: which stored pixel landed where. */
    private static int[] layout(byte[] rgb) {
        int[] out = new int[rgb.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = rgb[i * 3];
        }
        return out;
    }

    private static Orientation orientation(double clockwise, boolean hflip, boolean vflip) {
        int[] m = new int[9];
        avutil.av_display_rotation_set(m, clockwise);
        avutil.av_display_matrix_flip(m, hflip ? 1 : 0, vflip ? 1 : 0);
        return Orientation.fromMatrix(m, avutil.av_display_rotation_get(m));
    }

    @Test
    void noMatrixTurnIsUpright() {
        assertSame(Orientation.UPRIGHT, Orientation.UPRIGHT);
        assertEquals(Orientation.UPRIGHT, orientation(0, false, false));
        byte[] rgb = stored();
        assertSame(rgb, Orientation.UPRIGHT.apply(rgb, W, H));
    }

    @Test
    void quarterTurnClockwiseAsPhonesRecordPortrait() {
        // 0 1 2        3 0
        // 3 4 5   ->   4 1
        //              5 2
        Orientation o = orientation(90, false, false);
        assertEquals(2, o.shownWidth(W, H));
        assertEquals(3, o.shownHeight(W, H));
        assertArrayEquals(new int[] {3, 0, 4, 1, 5, 2}, layout(o.apply(stored(), W, H)));
    }

    @Test
    void quarterTurnCounterClockwise() {
        // 0 1 2        2 5
        // 3 4 5   ->   1 4
        //              0 3
        for (double angle : new double[] {-90, 270}) {
            Orientation o = orientation(angle, false, false);
            assertArrayEquals(new int[] {2, 5, 1, 4, 0, 3}, layout(o.apply(stored(), W, H)), "angle " + angle);
        }
    }

    @Test
    void halfTurn() {
        Orientation o = orientation(180, false, false);
        assertEquals(W, o.shownWidth(W, H));
        assertArrayEquals(new int[] {5, 4, 3, 2, 1, 0}, layout(o.apply(stored(), W, H)));
    }

    @Test
    void mirrorsWithoutTurning() {
        assertArrayEquals(
                new int[] {3, 4, 5, 0, 1, 2}, layout(orientation(0, false, true).apply(stored(), W, H)), "upside down");
        // A horizontal mirror of an unturned picture reads as a half turn plus a vertical mirror.
        assertArrayEquals(
                new int[] {2, 1, 0, 5, 4, 3}, layout(orientation(0, true, false).apply(stored(), W, H)), "mirrored");
    }

    @Test
    void oddAnglesAreShownAsStored() {
        assertEquals(Orientation.UPRIGHT, orientation(30, false, false));
        assertEquals(Orientation.UPRIGHT, Orientation.fromMatrix(new int[9], Double.NaN));
    }
}
