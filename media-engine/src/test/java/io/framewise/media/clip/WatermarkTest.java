package io.framewise.media.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.media.transcode.DecodedVideo;
import io.framewise.media.transcode.MediaAssertions;
import io.framewise.model.time.FrameRange;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkTest {

    private static final FrameRange RANGE = FrameRange.of(10, 60);

    @TempDir
    Path dir;

    private Path logo;
    private final ClipCutter cutter = new ClipCutter();

    @BeforeEach
    void drawLogo() throws IOException {
        BufferedImage image = new BufferedImage(160, 60, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(255, 0, 0, 255));
        g.fillRect(0, 0, 160, 60);
        g.setColor(new Color(0, 0, 255, 255));
        g.fillRect(20, 15, 120, 30);
        g.dispose();
        logo = dir.resolve("logo.png");
        ImageIO.write(image, "png", logo.toFile());
    }

    private ClipResult cut(String name, ClipOptions options) {
        return cutter.cut(
                TestMedia.get(Variant.H264_LONG_GOP),
                dir.resolve(name),
                RANGE,
                ClipMode.REENCODE,
                options,
                Progress.Listener.NONE,
                new Cancellation());
    }

    @Test
    void pictureWatermarkChangesItsCornerOnlyAndTheFrameCodesStayReadable() {
        ClipResult plain = cut("plain.mp4", ClipOptions.DEFAULT);
        ClipResult marked = cut(
                "logo.mp4",
                ClipOptions.DEFAULT.withImage(
                        new ClipOptions.ImageWatermark(logo, ClipOptions.Corner.BOTTOM_RIGHT, 0.8, 0.25)));

        assertEquals(50, marked.frameCount());
        MediaAssertions.assertShowsFrames(marked.output(), Variant.H264_LONG_GOP, 10, 60);
        DecodedVideo a = DecodedVideo.decode(plain.output(), true);
        DecodedVideo b = DecodedVideo.decode(marked.output(), true);
        for (int i : new int[] {0, 24, 49}) {
            BufferedImage x = a.images().get(i);
            BufferedImage y = b.images().get(i);
            // 25% of 640 wide = 160 x 60 logo, a 19 px margin from the bottom-right corner.
            assertTrue(difference(x, y, 640 - 19 - 150, 360 - 19 - 50, 140, 40) > 60, "logo drawn in frame " + i);
            assertTrue(difference(x, y, 0, 0, 640, 60) < 3, "code band untouched in frame " + i);
            assertTrue(difference(x, y, 0, 120, 300, 200) < 3, "rest of the picture untouched in frame " + i);
        }
    }

    @Test
    void textWatermarkIsDrawnInItsCorner() {
        assumeTrue(Files.isRegularFile(ClipOptions.DEFAULT_FONT), "no DejaVu font on this machine");
        ClipResult plain = cut("plain.mp4", ClipOptions.DEFAULT);
        ClipResult marked = cut(
                "text.mkv",
                ClipOptions.DEFAULT.withText(new ClipOptions.TextWatermark(
                        "CONFIDENTIAL 50% {x} 'q' \\ : ,",
                        ClipOptions.Corner.BOTTOM_LEFT, 0.08, 1.0, ClipOptions.DEFAULT_FONT)));

        MediaAssertions.assertShowsFrames(marked.output(), Variant.H264_LONG_GOP, 10, 60);
        DecodedVideo a = DecodedVideo.decode(plain.output(), true);
        DecodedVideo b = DecodedVideo.decode(marked.output(), true);
        BufferedImage x = a.images().get(5);
        BufferedImage y = b.images().get(5);
        assertTrue(difference(x, y, 0, 300, 320, 60) > 10, "text drawn bottom left");
        assertTrue(difference(x, y, 0, 0, 640, 60) < 3, "code band untouched");
        assertTrue(difference(x, y, 400, 100, 240, 260) < 3, "right side untouched");
    }

    @Test
    void aMissingFontIsNamedInTheError() {
        Path font = dir.resolve("NoSuchFont.ttf");
        MediaException.NotFound e = assertThrows(
                MediaException.NotFound.class,
                () -> cut(
                        "nofont.mp4",
                        ClipOptions.DEFAULT.withText(
                                new ClipOptions.TextWatermark("x", ClipOptions.Corner.TOP_LEFT, 0.05, 1, font))));
        assertTrue(e.getMessage().contains("NoSuchFont.ttf") && e.getMessage().contains("font"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nofont.mp4")));
    }

    @Test
    void aMissingPictureIsNamedInTheError() {
        Path missing = dir.resolve("missing.png");
        MediaException.NotFound e = assertThrows(
                MediaException.NotFound.class,
                () -> cut(
                        "nopic.mp4",
                        ClipOptions.DEFAULT.withImage(
                                new ClipOptions.ImageWatermark(missing, ClipOptions.Corner.CENTER, 1, 0))));
        assertTrue(e.getMessage().contains("missing.png"), e.getMessage());
    }

    @Test
    void watermarksNeedReencode() {
        ClipOptions options =
                ClipOptions.DEFAULT.withImage(new ClipOptions.ImageWatermark(logo, ClipOptions.Corner.CENTER, 1, 0));
        for (ClipMode mode : new ClipMode[] {ClipMode.COPY, ClipMode.SMART}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> cutter.cut(
                            TestMedia.get(Variant.H264_LONG_GOP),
                            dir.resolve("x.mp4"),
                            RANGE,
                            mode,
                            options,
                            Progress.Listener.NONE,
                            new Cancellation()));
            assertTrue(e.getMessage().contains("REENCODE"), e.getMessage());
        }
    }

    /** Mean absolute RGB difference of two pictures over a rectangle. */
    private static double difference(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * w * h);
    }
}
