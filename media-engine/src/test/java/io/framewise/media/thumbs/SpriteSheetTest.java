package io.framewise.media.thumbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.function.LongToIntFunction;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpriteSheetTest {

    /** Reads the frame code of every tile cropped from the sheet and checks it against the index. */
    private static void assertTilesShowTheirFrames(Variant variant, SpriteSheet sheet) throws IOException {
        assertTilesShowTheirFrames(sheet, variant::expectedCode);
    }

    private static void assertTilesShowTheirFrames(SpriteSheet sheet, LongToIntFunction expectedCode)
            throws IOException {
        SpriteSheet.Index index = sheet.index();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(sheet.jpeg()));
        assertEquals(index.columns() * index.tileWidth(), image.getWidth());
        assertEquals(index.rows() * index.tileHeight(), image.getHeight());
        long[] frames = index.frames();
        for (int t = 0; t < frames.length; t++) {
            BufferedImage tile = image.getSubimage(
                    (t % index.columns()) * index.tileWidth(),
                    (t / index.columns()) * index.tileHeight(),
                    index.tileWidth(),
                    index.tileHeight());
            assertEquals(expectedCode.applyAsInt(frames[t]), FrameCode.read(tile), "tile " + t);
        }
    }

    @Test
    void defaultSheetHasAHundredEvenlySpacedTilesReadInOnePass() throws IOException {
        Variant v = Variant.H264_LONG_GOP;
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            SpriteSheet sheet = SpriteSheet.create(reader, SpriteSheet.Layout.DEFAULT);
            SpriteSheet.Index index = sheet.index();
            assertEquals(10, index.columns());
            assertEquals(10, index.rows());
            assertEquals(160, index.tileWidth());
            assertEquals(90, index.tileHeight());
            assertArrayEquals(LongStream.range(0, 100).map(t -> t * 5 / 2).toArray(), index.frames());
            assertTilesShowTheirFrames(v, sheet);
            assertEquals(1, reader.stats().seeks(), "each GOP decoded once: " + reader.stats());
        }
    }

    @Test
    void shortMediaGetOneTilePerFrameAtMost() throws IOException {
        SpriteSheet sheet = SpriteSheet.create(TestMedia.get(Variant.VP9_WEBM));
        assertEquals(50, sheet.index().tileCount());
        assertEquals(5, sheet.index().rows());
        assertArrayEquals(LongStream.range(0, 50).toArray(), sheet.index().frames());
        assertTilesShowTheirFrames(Variant.VP9_WEBM, sheet);

        SpriteSheet still = SpriteSheet.create(TestMedia.get(Variant.STILL_PNG));
        assertEquals(1, still.index().tileCount());
        assertEquals(1, still.index().columns());
        assertEquals(1, still.index().rows());
        assertTilesShowTheirFrames(Variant.STILL_PNG, still);
    }

    @Test
    void variableFrameRateTilesAreSpacedInTimeAndDistinct() throws IOException {
        Variant v = Variant.VFR;
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            SpriteSheet sheet = SpriteSheet.create(reader, new SpriteSheet.Layout(40, 96, 8, 85));
            long[] frames = sheet.index().frames();
            assertEquals(40, frames.length);
            for (int t = 1; t < frames.length; t++) {
                assertTrue(frames[t] > frames[t - 1], "tiles show distinct frames in order");
            }
            // 2 s at 25 fps then 2 s at 50 fps: tile 10 (1 s) is frame 25, tile 30 (3 s) is frame 100.
            assertEquals(25, frames[10]);
            assertEquals(100, frames[30]);
            assertTilesShowTheirFrames(v, sheet);
        }
    }

    @Test
    void portraitAndOpenGopMediaTileToo() throws IOException {
        try (FrameReader reader = FrameReader.open(TestMedia.get(Variant.ROTATED_PHONE))) {
            SpriteSheet sheet = SpriteSheet.create(reader, new SpriteSheet.Layout(12, 96, 6, 85));
            assertEquals(96, sheet.index().tileWidth());
            assertEquals(170, sheet.index().tileHeight());
            assertTilesShowTheirFrames(Variant.ROTATED_PHONE, sheet);
        }
        try (FrameReader reader = FrameReader.open(TestMedia.get(Variant.HEVC_OPEN_GOP))) {
            assertTilesShowTheirFrames(
                    Variant.HEVC_OPEN_GOP, SpriteSheet.create(reader, new SpriteSheet.Layout(30, 96, 5, 85)));
        }
    }

    /** {@code frames} frames of {@code w}x{@code h} H.264, each carrying its index in the code band. */
    private static Path coded(Path dir, String name, int w, int h, int frames) {
        Path file = dir.resolve(name);
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=" + w + "x" + h + ":rate=25,trim=end_frame=" + frames + ",format=yuv420p,"
                                + FrameCode.drawFilter()),
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                file.toString());
        return file;
    }

    @Test
    void tilesAreNeverLargerThanThePictureNorVeryTall(@TempDir Path dir) throws IOException {
        // A small source is not enlarged to the layout's 160 pixels.
        try (FrameReader reader = FrameReader.open(coded(dir, "small.mp4", 96, 64, 10))) {
            SpriteSheet sheet = SpriteSheet.create(reader, SpriteSheet.Layout.DEFAULT);
            assertEquals(96, sheet.index().tileWidth());
            assertEquals(64, sheet.index().tileHeight());
            assertTilesShowTheirFrames(sheet, Math::toIntExact);
        }
        // A 1:4 picture at 160 across would be 640 tall per tile: the tiles get narrower instead.
        try (FrameReader reader = FrameReader.open(coded(dir, "tall.mp4", 240, 960, 20))) {
            SpriteSheet sheet = SpriteSheet.create(reader, SpriteSheet.Layout.DEFAULT);
            assertEquals(80, sheet.index().tileWidth());
            assertEquals(320, sheet.index().tileHeight());
            assertEquals(2, sheet.index().rows());
            assertTilesShowTheirFrames(sheet, Math::toIntExact);
        }
    }

    @Test
    void indexRoundTripsThroughJson() {
        SpriteSheet.Index index = new SpriteSheet.Index(3, 2, 160, 90, new long[] {0, 5, 10, 15, 20});
        String json = index.toJson();
        assertTrue(json.contains("\"columns\":3") && json.contains("\"frames\":[0,5,10,15,20]"), json);
        assertEquals(index, SpriteSheet.Index.fromJson(json));
        assertThrows(IllegalArgumentException.class, () -> SpriteSheet.Index.fromJson("{\"columns\":"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SpriteSheet.Index(2, 2, 160, 90, new long[] {0, 1, 2, 3, 4}),
                "more tiles than cells");
    }

    @Test
    void layoutsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpriteSheet.Layout(0, 160, 10, 80));
        assertThrows(IllegalArgumentException.class, () -> new SpriteSheet.Layout(100, 8, 10, 80));
        assertThrows(IllegalArgumentException.class, () -> new SpriteSheet.Layout(200, 160, 200, 80));
        assertThrows(IllegalArgumentException.class, () -> new SpriteSheet.Layout(100, 160, 10, 0));
    }
}
