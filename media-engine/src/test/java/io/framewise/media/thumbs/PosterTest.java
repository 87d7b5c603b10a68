package io.framewise.media.thumbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.still.FrameReader;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosterTest {

    @TempDir
    Path dir;

    @Test
    void posterShowsTheFrameAtATenthOfTheDuration() throws IOException {
        Poster poster = Poster.create(TestMedia.get(Variant.H264_LONG_GOP), 320);
        assertEquals(25, poster.index());
        assertEquals(320, poster.width());
        assertEquals(180, poster.height());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(poster.jpeg()));
        assertEquals(320, image.getWidth());
        assertEquals(180, image.getHeight());
        assertEquals(25, FrameCode.read(image));
    }

    @Test
    void blackOpeningFramesAreSkipped() {
        // 40 black frames, then 60 of the test pattern; every frame carries its number.
        Path media = dir.resolve("black-start.mp4");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "color=black:size=320x240:rate=25,trim=end_frame=40,format=yuv420p",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x240:rate=25,trim=end_frame=60,format=yuv420p"),
                "-filter_complex",
                "[0:v][1:v]concat=n=2:v=1," + FrameCode.drawFilter(),
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                media.toString());
        try (FrameReader reader = FrameReader.open(media)) {
            assertTrue(Poster.meanLuma(reader.read(10, 64)) < Poster.BLACK_LUMA, "frame 10 is black");
            Poster poster = Poster.create(reader, 200, 80);
            assertEquals(40, poster.index(), "the first candidate that is not black: 40% of the way in");
            assertEquals(40, FrameCode.read(poster.jpeg()));
        }
    }

    @Test
    void aSingleStillIsItsOwnPoster() {
        Poster poster = Poster.create(TestMedia.get(Variant.STILL_PNG), 160);
        assertEquals(0, poster.index());
        assertEquals(160, poster.width());
        assertEquals(120, poster.height());
        assertEquals(0, FrameCode.read(poster.jpeg()));
    }
}
