package io.framewise.media.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.framewise.media.MediaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Decodes the WebP drawings of the shared Clapshot sample (read in place): a 3-pixel red rectangle
 * outline on a transparent 320x180 canvas, lossless.
 */
class OverlayImagesTest {

    static Path sampleDrawing(String mediaId, String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/clapshot/data/videos")
                    .resolve(mediaId)
                    .resolve("drawings")
                    .resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shared Clapshot sample is missing (shared/testdata/clapshot)");
    }

    @Test
    void decodesTheTransparentWebpDrawingAndKeepsItAsPng() throws IOException {
        // Comment 3's box: x 40, y 120, 240 x 40.
        RgbaImage image = OverlayImages.decode(Files.readAllBytes(sampleDrawing("0dad9c74", "d4ed1af1e3c41325.webp")));

        assertEquals(320, image.width());
        assertEquals(180, image.height());
        assertEquals(0, image.alphaAt(5, 5), "outside the box is transparent");
        assertEquals(0, image.alphaAt(160, 140), "inside the outline is transparent");
        assertEquals(255, image.alphaAt(40, 130), "left edge of the outline");
        assertEquals(255, image.alphaAt(160, 121), "top edge of the outline");
        assertEquals(0xff2020, image.rgbAt(40, 130));
        assertEquals(0, image.alphaAt(44, 130), "the outline is 3 pixels wide");

        // The PNG holds the same pixels: decoding it again gives the same RGBA.
        assertArrayEquals(Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 4), Arrays.copyOf(image.png(), 4));
        RgbaImage again = OverlayImages.decode(image.png());
        assertEquals(image, again);
    }

    @Test
    void refusesWhatIsNoPicture() {
        byte[] text = "not an image at all".getBytes(StandardCharsets.UTF_8);
        assertThrows(MediaException.Unsupported.class, () -> OverlayImages.decode(text));
        byte[] truncated = "RIFF\0\0\0\0WEBPVP8L".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(MediaException.class, () -> OverlayImages.decode(truncated));
    }
}
