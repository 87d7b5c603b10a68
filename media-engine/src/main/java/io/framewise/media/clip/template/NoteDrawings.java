package io.framewise.media.clip.template;

import io.framewise.media.clip.template.internal.DrawingRaster;
import java.awt.image.BufferedImage;

/**
 * Note drawings burned into a still picture, drawn by the same rasteriser as the drawings templates
 * burn into clips, so a report's still shows a drawing exactly as a clip of that frame does.
 */
public final class NoteDrawings {

    private NoteDrawings() {}

    /**
     * Draws the shapes ({"schema":1,"shapes":[...]}, as the notes API stores them) over
     * {@code picture}, scaled to its size. The picture is changed in place and returned.
     *
     * @throws java.io.UncheckedIOException when the drawing is not JSON
     */
    public static BufferedImage burn(BufferedImage picture, String shapesJson) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        byte[] rgba = DrawingRaster.rgba(shapesJson, w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 4;
                int a = rgba[o + 3] & 0xff;
                if (a == 0) {
                    continue;
                }
                int under = picture.getRGB(x, y);
                int r = blend(rgba[o] & 0xff, (under >> 16) & 0xff, a);
                int g = blend(rgba[o + 1] & 0xff, (under >> 8) & 0xff, a);
                int b = blend(rgba[o + 2] & 0xff, under & 0xff, a);
                picture.setRGB(x, y, 0xff000000 | r << 16 | g << 8 | b);
            }
        }
        return picture;
    }

    /** Straight-alpha "over", as FFmpeg's overlay filter composes the drawing in clips. */
    private static int blend(int top, int under, int alpha) {
        return (top * alpha + under * (255 - alpha) + 127) / 255;
    }
}
