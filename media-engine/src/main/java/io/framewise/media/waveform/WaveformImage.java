package io.framewise.media.waveform;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws {@link WaveformPeaks} as a PNG strip for a timeline: light waveform on a dark background, a
 * faint centre line, time running left to right over the whole width. Each column shows the extremes
 * of the buckets it covers, so narrow pictures keep every transient; wide ones repeat buckets.
 * Pixels are written directly, so no display or font is needed.
 */
public final class WaveformImage {

    /** The largest side accepted: a strip wider than this is a tiling job, not one picture. */
    public static final int MAX_SIDE = 16384;

    static final int BACKGROUND = 0x1B1E23;
    static final int WAVE = 0xD8DEE9;
    static final int CENTRE_LINE = 0x3B4252;

    private WaveformImage() {}

    /** The PNG bytes of the waveform picture, {@code width} x {@code height} pixels. */
    public static byte[] renderPng(WaveformPeaks peaks, int width, int height) {
        BufferedImage image = render(peaks, width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the waveform PNG failed", e);
        }
        return out.toByteArray();
    }

    /** The waveform picture itself, for callers that compose it further. */
    public static BufferedImage render(WaveformPeaks peaks, int width, int height) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException(
                    "waveform size must be 1.." + MAX_SIDE + " on each side, was " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(pixels, BACKGROUND);
        int centre = height / 2;
        fillColumnRange(pixels, width, 0, width, centre, centre, CENTRE_LINE);
        int length = peaks.length();
        if (length == 0) {
            return image;
        }
        for (int x = 0; x < width; x++) {
            int first = (int) ((long) x * length / width);
            int last = Math.max(first, (int) ((long) (x + 1) * length / width) - 1);
            short low = Short.MAX_VALUE;
            short high = Short.MIN_VALUE;
            for (int i = first; i <= last; i++) {
                low = (short) Math.min(low, peaks.min(i));
                high = (short) Math.max(high, peaks.max(i));
            }
            int top = row(high, height);
            int bottom = row(low, height);
            fillColumnRange(pixels, width, x, x + 1, Math.min(top, bottom), Math.max(top, bottom), WAVE);
        }
        return image;
    }

    /** The pixel row of a sample value: full scale up at the top row, full scale down at the bottom. */
    static int row(short value, int height) {
        double fraction = (1.0 - value / 32767.0) / 2.0;
        return (int) Math.max(0, Math.min(height - 1, Math.round(fraction * (height - 1))));
    }

    private static void fillColumnRange(int[] pixels, int width, int fromX, int toX, int fromY, int toY, int rgb) {
        for (int y = fromY; y <= toY; y++) {
            int rowStart = y * width;
            for (int x = fromX; x < toX; x++) {
                pixels[rowStart + x] = rgb;
            }
        }
    }
}
