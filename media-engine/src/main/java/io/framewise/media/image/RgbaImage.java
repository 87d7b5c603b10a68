package io.framewise.media.image;

import java.util.Arrays;

/**
 * A decoded picture with transparency: packed RGBA, rows of {@code width * 4} bytes, straight (not
 * premultiplied) alpha, as PNG stores it.
 *
 * @param png the same picture encoded as PNG (lossless, alpha kept)
 */
public record RgbaImage(int width, int height, byte[] rgba, byte[] png) {

    public RgbaImage {
        if (width <= 0 || height <= 0 || rgba == null || (long) width * height * 4 != rgba.length) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " RGBA image needs " + (long) width * height * 4 + " bytes");
        }
        if (png == null || png.length == 0) {
            throw new IllegalArgumentException("png is empty");
        }
    }

    /** The alpha of the pixel at {@code (x, y)}, 0 (transparent) to 255. */
    public int alphaAt(int x, int y) {
        return rgba[(y * width + x) * 4 + 3] & 0xff;
    }

    /** The pixel at {@code (x, y)} as {@code 0xRRGGBB}. */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 4;
        return (rgba[i] & 0xff) << 16 | (rgba[i + 1] & 0xff) << 8 | (rgba[i + 2] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbaImage other
                && width == other.width
                && height == other.height
                && Arrays.equals(rgba, other.rgba);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgba);
    }

    @Override
    public String toString() {
        return "RgbaImage[" + width + "x" + height + ", " + png.length + " bytes of PNG]";
    }
}
