package io.framewise.desktop.player;

/**
 * A decoded frame-exact picture in a toolkit-neutral form (ARGB ints, row by row), so ViewModels and
 * their tests never need a screen; views turn it into an image.
 *
 * @param index the frame index the picture is of
 * @param preview true for the seek proxy's quick, softer picture of that frame (shown until the
 *     frame-exact still replaces it), false for the frame-exact still
 */
public record StillImage(long index, int width, int height, int[] argb, boolean preview) {

    /** A frame-exact still. */
    public StillImage(long index, int width, int height, int[] argb) {
        this(index, width, height, argb, false);
    }

    public StillImage {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " picture needs " + (width * height) + " pixels, got " + argb.length);
        }
    }

    /** From packed 24-bit RGB rows ({@code stride} bytes apart), as the media engine decodes them. */
    public static StillImage fromRgb(long index, int width, int height, byte[] rgb, int stride) {
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            for (int x = 0; x < width; x++) {
                int i = row + x * 3;
                argb[y * width + x] =
                        0xff000000 | (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
            }
        }
        return new StillImage(index, width, height, argb);
    }

    /** The picture as packed RGB, the layout the frame-code reader in tests takes. */
    public byte[] toRgb() {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (byte) (argb[i] >> 16);
            rgb[i * 3 + 1] = (byte) (argb[i] >> 8);
            rgb[i * 3 + 2] = (byte) argb[i];
        }
        return rgb;
    }
}
