package io.framewise.media.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads the frame index that {@link TestMedia} draws into the top band of every test picture: 16
 * cells across the width, white for a 1 bit and black for a 0 bit, least significant bit on the
 * left. The cells are large enough to survive lossy coding and scaling down to about 64 pixels wide.
 */
public final class FrameCode {

    /** The band covers the top sixth of the picture; reading at its middle avoids chroma bleed. */
    static final double BAND_HEIGHT = 1.0 / 6.0;

    public static final int BITS = 16;

    private FrameCode() {}

    /** The frame index drawn in {@code image}, or an {@link IllegalStateException} when none is there. */
    public static int read(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int y = (int) (h * BAND_HEIGHT / 2);
        int value = 0;
        for (int bit = 0; bit < BITS; bit++) {
            int x = (int) ((bit + 0.5) * w / BITS);
            int luma = averageLuma(image, x, y, Math.max(1, w / BITS / 4), Math.max(1, (int) (h * BAND_HEIGHT / 4)));
            if (luma > 170) {
                value |= 1 << bit;
            } else if (luma >= 85) {
                throw new IllegalStateException(
                        "no frame code in the picture: cell " + bit + " is grey (" + luma + "), not black or white");
            }
        }
        return value;
    }

    public static int read(Path imageFile) {
        try {
            BufferedImage image = ImageIO.read(imageFile.toFile());
            if (image == null) {
                throw new IllegalStateException("not an image ImageIO can read: " + imageFile);
            }
            return read(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int read(byte[] encodedImage) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(encodedImage));
            if (image == null) {
                throw new IllegalStateException("not an image ImageIO can read (" + encodedImage.length + " bytes)");
            }
            return read(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the code from packed 24-bit RGB pixels (3 bytes a pixel, rows of {@code stride} bytes). */
    public static int readRgb(byte[] rgb, int width, int height, int stride) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = y * stride + x * 3;
                image.setRGB(x, y, (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff));
            }
        }
        return read(image);
    }

    private static int averageLuma(BufferedImage image, int cx, int cy, int rx, int ry) {
        long sum = 0;
        int n = 0;
        for (int y = Math.max(0, cy - ry); y <= Math.min(image.getHeight() - 1, cy + ry); y++) {
            for (int x = Math.max(0, cx - rx); x <= Math.min(image.getWidth() - 1, cx + rx); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                sum += (299L * r + 587L * g + 114L * b) / 1000;
                n++;
            }
        }
        return (int) (sum / n);
    }

    /**
     * The FFmpeg filter that draws the code of each frame's own number {@code N} into the band. It
     * works on 8-bit YUV; convert to other pixel formats after it.
     */
    public static String drawFilter() {
        String cell = "floor(X*" + BITS + "/W)";
        String inBand = "lt(Y\\,H/6)";
        return "geq=lum='if(" + inBand + "\\,16+219*mod(floor(N/pow(2\\," + cell + "))\\,2)\\,lum(X\\,Y))'"
                + ":cb='if(" + inBand + "\\,128\\,cb(X\\,Y))'"
                + ":cr='if(" + inBand + "\\,128\\,cr(X\\,Y))'";
    }
}
