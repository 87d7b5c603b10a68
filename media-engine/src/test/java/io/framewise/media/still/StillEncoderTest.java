package io.framewise.media.still;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StillEncoderTest {

    private static Picture frame;

    @TempDir
    Path dir;

    @BeforeAll
    static void decodeOneFrame() {
        try (FrameReader reader = FrameReader.open(TestMedia.get(Variant.H264_LONG_GOP))) {
            frame = reader.read(173, 320);
        }
    }

    @Test
    void pngIsLosslessAndKeepsTheCode() throws IOException {
        byte[] png = StillEncoder.encode(frame, StillFormat.PNG, 50);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(320, image.getWidth());
        assertEquals(180, image.getHeight());
        for (int y = 0; y < frame.height(); y += 7) {
            for (int x = 0; x < frame.width(); x += 5) {
                assertEquals(frame.rgbAt(x, y), image.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
        assertEquals(173, FrameCode.read(png));
        // FFmpeg reads its own PNG back bit-exactly too.
        Path file = dir.resolve("still.png");
        Files.write(file, png);
        try (FrameReader reader = FrameReader.open(file)) {
            assertArrayEquals(frame.rgb(), reader.read(0).rgb());
        }
    }

    @Test
    void jpegDecodesWithImageIoKeepsTheCodeAndHonoursQuality() throws IOException {
        byte[] good = StillEncoder.encode(frame, StillFormat.JPEG, 95);
        byte[] poor = StillEncoder.encode(frame, StillFormat.JPEG, 10);
        assertEquals(0xFF, good[0] & 0xff);
        assertEquals(0xD8, good[1] & 0xff);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(good));
        assertEquals(320, image.getWidth());
        assertEquals(180, image.getHeight());
        assertEquals(173, FrameCode.read(good));
        assertEquals(173, FrameCode.read(poor));
        assertTrue(poor.length < good.length * 0.6, "quality 10: " + poor.length + " bytes, 95: " + good.length);
        assertTrue(meanAbsoluteError(frame, image) < 4.0, "a quality 95 JPEG stays close to the frame");
    }

    @Test
    void webpHasItsRiffHeaderAndDecodesBackWithTheCode() throws IOException {
        byte[] webp = StillEncoder.encode(frame, StillFormat.WEBP, 85);
        assertEquals("RIFF", new String(webp, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WEBP", new String(webp, 8, 4, StandardCharsets.US_ASCII));
        int riffSize = (webp[4] & 0xff) | (webp[5] & 0xff) << 8 | (webp[6] & 0xff) << 16 | (webp[7] & 0xff) << 24;
        assertEquals(webp.length - 8, riffSize, "the RIFF size covers the whole file");
        Path file = dir.resolve("still.webp");
        Files.write(file, webp);
        try (FrameReader reader = FrameReader.open(file)) {
            Picture back = reader.read(0);
            assertEquals(320, back.width());
            assertEquals(180, back.height());
            assertEquals(173, FrameCode.readRgb(back.rgb(), back.width(), back.height(), back.stride()));
        }
        byte[] small = StillEncoder.encode(frame, StillFormat.WEBP, 5);
        assertTrue(small.length < webp.length, "quality 5: " + small.length + " bytes, 85: " + webp.length);
    }

    @Test
    void composedImagesEncodeToo() throws IOException {
        byte[] rgb = new byte[64 * 32 * 3];
        Arrays.fill(rgb, (byte) 200);
        byte[] png = StillEncoder.encodeImage(64, 32, rgb, StillFormat.PNG, 90);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(0xc8c8c8, image.getRGB(10, 10) & 0xffffff);
        assertThrows(
                IllegalArgumentException.class,
                () -> StillEncoder.encodeImage(64, 32, new byte[5], StillFormat.PNG, 90));
    }

    @Test
    void badQualityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StillEncoder.encode(frame, StillFormat.JPEG, 0));
        assertThrows(IllegalArgumentException.class, () -> StillEncoder.encode(frame, StillFormat.WEBP, 101));
    }

    @Test
    void formatsComeFromFileNames() {
        assertEquals(StillFormat.PNG, StillFormat.fromFileName("frame-000001.png"));
        assertEquals(StillFormat.JPEG, StillFormat.fromFileName("/tmp/a.b/Poster.JPG"));
        assertEquals(StillFormat.JPEG, StillFormat.fromFileName("x.jpeg"));
        assertEquals(StillFormat.WEBP, StillFormat.fromFileName("x.WebP"));
        for (String bad : new String[] {"x.gif", "noextension", "dir.png/file", "trailingdot.", ".png.tiff"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> StillFormat.fromFileName(bad));
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains(".png"), e.getMessage());
        }
        assertEquals("frame-000042.png", StillFormat.PNG.fileName(42));
        assertEquals("frame-1234567.webp", StillFormat.WEBP.fileName(1234567));
        assertEquals("image/jpeg", StillFormat.JPEG.mimeType());
    }

    @Test
    void stillsAreWrittenAtomicallyInTheFormatTheNameSays() throws IOException {
        Path target = dir.resolve("out").resolve(StillFormat.JPEG.fileName(173));
        assertEquals(StillFormat.JPEG, Stills.write(target, frame, 90));
        assertEquals(173, FrameCode.read(target));
        Stills.write(target, StillEncoder.encode(frame, StillFormat.JPEG, 30));
        assertEquals(173, FrameCode.read(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
        assertThrows(IllegalArgumentException.class, () -> Stills.write(dir.resolve("x.bmp"), frame, 90));
        assertFalse(Files.exists(dir.resolve("x.bmp")));
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a directory");
        MediaException.WriteFailed e =
                assertThrows(MediaException.WriteFailed.class, () -> Stills.write(blocker.resolve("x.png"), frame, 90));
        assertTrue(e.getMessage().contains("x.png"), e.getMessage());
    }

    private static double meanAbsoluteError(Picture p, BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                int a = p.rgbAt(x, y);
                int b = image.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * p.width() * p.height());
    }
}
