package io.framewise.media.scenes.internal;

/**
 * A frame reduced to what cut detection compares: its pixels at thumbnail size as luma and two
 * colour differences, with the luma's mean and spread worked out once.
 */
public final class Thumb {

    /** Below this luma spread (of 255) a picture is flat: its structure says nothing, only its colour. */
    static final double FLAT_SPREAD = 6.0;

    final int width;
    final int height;
    final float[] luma;
    final float[] blueDiff;
    final float[] redDiff;
    final double mean;
    final double spread;

    private Thumb(int width, int height, float[] luma, float[] blueDiff, float[] redDiff) {
        this.width = width;
        this.height = height;
        this.luma = luma;
        this.blueDiff = blueDiff;
        this.redDiff = redDiff;
        double sum = 0;
        for (float v : luma) {
            sum += v;
        }
        this.mean = sum / luma.length;
        double var = 0;
        for (float v : luma) {
            var += (v - mean) * (v - mean);
        }
        this.spread = Math.sqrt(var / luma.length);
    }

    /** A thumb of packed RGB pixels ({@code width * height * 3} bytes, red first). */
    public static Thumb ofRgb(int width, int height, byte[] rgb) {
        int n = width * height;
        if (width <= 0 || height <= 0 || rgb.length != n * 3) {
            throw new IllegalArgumentException("not a " + width + "x" + height + " RGB picture");
        }
        float[] y = new float[n];
        float[] cb = new float[n];
        float[] cr = new float[n];
        for (int i = 0; i < n; i++) {
            int r = rgb[3 * i] & 0xff;
            int g = rgb[3 * i + 1] & 0xff;
            int b = rgb[3 * i + 2] & 0xff;
            float l = 0.299f * r + 0.587f * g + 0.114f * b;
            y[i] = l;
            cb[i] = b - l;
            cr[i] = r - l;
        }
        return new Thumb(width, height, y, cb, cr);
    }

    boolean flat() {
        return spread < FLAT_SPREAD;
    }

    /**
     * How different two frames are, 0 (the same) to 1. Two things must both change for a frame to
     * look like another shot: the structure (one minus the correlation of the luma, which a fade or a
     * change of brightness leaves alone) and the pixels themselves (which barely change between two
     * nearly black frames of a fade, whatever their correlation). Their geometric mean is high only
     * when both are. Flat pictures have no structure to compare, so only their colour counts.
     */
    public static double distance(Thumb a, Thumb b) {
        if (a.width != b.width || a.height != b.height) {
            return 1;
        }
        int n = a.luma.length;
        double absDiff = 0;
        double cov = 0;
        for (int i = 0; i < n; i++) {
            absDiff += Math.abs(a.luma[i] - b.luma[i])
                    + 0.5 * Math.abs(a.blueDiff[i] - b.blueDiff[i])
                    + 0.5 * Math.abs(a.redDiff[i] - b.redDiff[i]);
            cov += (a.luma[i] - a.mean) * (b.luma[i] - b.mean);
        }
        double pixels = Math.min(1, 3 * absDiff / (2 * 255.0 * n));
        if (a.flat() || b.flat()) {
            return pixels;
        }
        double correlation = cov / n / (a.spread * b.spread);
        double structure = Math.max(0, Math.min(1, 1 - correlation));
        return Math.sqrt(structure * pixels);
    }
}
