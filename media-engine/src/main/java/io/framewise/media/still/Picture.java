package io.framewise.media.still;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded frame as it is shown: upright, square pixels, packed 24-bit RGB (3 bytes a pixel, red
 * first, rows of {@code width * 3} bytes, no padding).
 *
 * @param width pixels across
 * @param height pixels down
 * @param rgb {@code width * height * 3} bytes; the record shares the array, callers must not change it
 * @param index the frame index (0..n-1 in presentation order) this picture shows
 */
public record Picture(int width, int height, byte[] rgb, long index) {

    public Picture {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture size must be positive: " + width + "x" + height);
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB picture needs "
                    + (long) width * height * 3 + " bytes, not " + rgb.length);
        }
        if (index < 0) {
            throw new IllegalArgumentException("frame index must not be negative: " + index);
        }
    }

    /** Bytes per row: always {@code width * 3}. */
    public int stride() {
        return width * 3;
    }

    /** The pixel at ({@code x}, {@code y}) as {@code 0xRRGGBB}. */
    public int rgbAt(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        int o = y * stride() + x * 3;
        return (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Picture p
                && p.width == width
                && p.height == height
                && p.index == index
                && Arrays.equals(p.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, index, Arrays.hashCode(rgb));
    }

    @Override
    public String toString() {
        return "Picture[frame " + index + ", " + width + "x" + height + "]";
    }
}
