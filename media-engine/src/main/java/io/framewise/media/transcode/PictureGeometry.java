package io.framewise.media.transcode;

/**
 * The size of an encoded picture: upright, square pixels, display aspect kept, scaled down (never up)
 * to fit a bound, even dimensions (4:2:0 chroma needs them).
 */
public record PictureGeometry(int width, int height) {

    public PictureGeometry {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException(
                    "picture size must be even and at least 2x2, was " + width + "x" + height);
        }
    }

    /**
     * Fits a stored picture into {@code maxWidth} x {@code maxHeight}.
     *
     * <p>Anamorphic pictures (sample aspect ratio other than 1) are made square by shrinking the axis
     * the pixels are stretched along, never by stretching the other: no axis is ever upscaled.
     *
     * @param rotation clockwise degrees the stored picture is turned to show it upright (0, 90, 180, 270)
     */
    public static PictureGeometry fit(
            int codedWidth, int codedHeight, int sarNum, int sarDen, int rotation, int maxWidth, int maxHeight) {
        if (codedWidth <= 0 || codedHeight <= 0) {
            throw new IllegalArgumentException("picture size must be positive, was " + codedWidth + "x" + codedHeight);
        }
        double w = codedWidth;
        double h = codedHeight;
        if (sarNum > 0 && sarDen > 0 && sarNum != sarDen) {
            double sar = (double) sarNum / sarDen;
            if (sar > 1) {
                h = h / sar;
            } else {
                w = w * sar;
            }
        }
        if (rotation == 90 || rotation == 270) {
            double t = w;
            w = h;
            h = t;
        }
        double scale = Math.min(1.0, Math.min(maxWidth / w, maxHeight / h));
        return new PictureGeometry(evenFloor(w * scale), evenFloor(h * scale));
    }

    private static int evenFloor(double v) {
        // A hair of tolerance so that 359.99999 from a ratio still counts as 360.
        int i = (int) Math.floor(v + 1e-6);
        return Math.max(2, i - (i % 2));
    }
}
