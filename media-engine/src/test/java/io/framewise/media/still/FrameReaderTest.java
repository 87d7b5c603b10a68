package io.framewise.media.still;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every read is checked by the frame number drawn in the picture itself. */
class FrameReaderTest {

    static void assertShows(Variant variant, long index, Picture picture) {
        assertEquals(index, picture.index(), "picture index");
        int code = FrameCode.readRgb(picture.rgb(), picture.width(), picture.height(), picture.stride());
        assertEquals(variant.expectedCode(index), code, variant + " frame " + index + " shows the wrong picture");
    }

    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"AUDIO_ONLY", "H264_LONG_GOP"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyFrameInRandomOrderThenSteppingForwardAndBack(Variant variant) {
        int n = variant.frameCount();
        List<Integer> shuffled = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(shuffled, new Random(variant.ordinal() * 31L + 7));
        try (FrameReader reader = FrameReader.open(TestMedia.get(variant))) {
            assertEquals(n, reader.frameCount());
            for (int i : shuffled) {
                assertShows(variant, i, reader.read(i));
            }
        }
        try (FrameReader reader = FrameReader.open(TestMedia.get(variant))) {
            for (int i = 0; i < n; i++) {
                assertShows(variant, i, reader.read(i));
            }
            for (int i = n - 1; i >= 0; i--) {
                assertShows(variant, i, reader.read(i));
            }
        }
    }

    @Test
    void longGopRandomFramesKeyframeBoundariesAndBothStepDirections() {
        Variant v = Variant.H264_LONG_GOP;
        int n = v.frameCount();
        TreeSet<Integer> picks = new TreeSet<>(List.of(0, 1, 2, 3, 4, 122, 123, 124, 125, 126, 127, 128, n - 2, n - 1));
        Random random = new Random(42);
        while (picks.size() < 74) {
            picks.add(random.nextInt(n));
        }
        List<Integer> order = new ArrayList<>(picks);
        Collections.shuffle(order, random);
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            for (int i : order) {
                assertShows(v, i, reader.read(i));
            }
        }
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            for (int i = 0; i < n; i++) {
                assertShows(v, i, reader.read(i, 160));
            }
            FrameReader.Stats forward = reader.stats();
            assertEquals(1, forward.seeks(), "stepping forward decodes on without seeking: " + forward);
        }
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            for (int i = n - 1; i >= 0; i--) {
                assertShows(v, i, reader.read(i, 160));
            }
            FrameReader.Stats back = reader.stats();
            // Each decode keeps the 48 frames before its target: about one seek per 49 steps back.
            assertTrue(back.seeks() <= 8, "stepping back is mostly served from decoded frames: " + back);
            assertTrue(back.cacheHits() >= n - 8, "stepping back is mostly served from decoded frames: " + back);
        }
    }

    @Test
    void farTargetsSkipNonReferencePicturesAndStayExact() {
        Variant v = Variant.H264_LONG_GOP;
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            assertShows(v, 120, reader.read(120));
            FrameReader.Stats stats = reader.stats();
            // A jump keeps only its two neighbours: the reference pictures of frames 0..117 are decoded.
            assertTrue(stats.framesDecoded() < 110, "non-reference pictures before the target are skipped: " + stats);
            for (int i = 119; i >= 72; i--) {
                assertShows(v, i, reader.read(i));
            }
            // The first step past the neighbours decodes the whole step-back window once.
            assertEquals(2, reader.stats().seeks(), "stepping back fills the window once: " + reader.stats());
        }
    }

    @Test
    void rotatedPhoneVideoIsUprightPortrait() {
        Variant v = Variant.ROTATED_PHONE;
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            Picture full = reader.read(7);
            assertEquals(180, full.width());
            assertEquals(320, full.height());
            assertShows(v, 7, full);
            Picture small = reader.read(33, 90);
            assertEquals(90, small.width());
            assertEquals(160, small.height());
            assertShows(v, 33, small);
        }
    }

    @Test
    void anamorphicPixelsAreMadeSquare(@TempDir Path dir) {
        // 320x240 stored with 4:3 pixels (as DV and HDV store widescreen): shown 427x240.
        Path media = dir.resolve("anamorphic.mkv");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x240:rate=25,trim=end_frame=10,format=yuv420p," + FrameCode.drawFilter()
                                + ",setsar=4/3"),
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                media.toString());
        try (FrameReader reader = FrameReader.open(media)) {
            Picture full = reader.read(6);
            assertEquals(427, full.width());
            assertEquals(240, full.height());
            assertEquals(6, FrameCode.readRgb(full.rgb(), full.width(), full.height(), full.stride()));
            Picture small = reader.read(7, 200);
            assertEquals(200, small.width());
            assertEquals(112, small.height());
            assertEquals(7, FrameCode.readRgb(small.rgb(), small.width(), small.height(), small.stride()));
        }
    }

    @Test
    void scaledReadsKeepTheAspectRatioWithEvenHeights() {
        Variant v = Variant.H264_LONG_GOP;
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            // Never enlarged: 1280 and 7680 on a 640x360 source give the source's own size.
            int[][] expected = {{320, 180}, {160, 90}, {100, 56}, {640, 360}, {16, 10}, {640, 360}, {640, 360}};
            int[] asked = {320, 160, 100, 1280, 16, 7680, 640};
            for (int k = 0; k < asked.length; k++) {
                Picture p = reader.read(200 + k, asked[k]);
                assertEquals(expected[k][0], p.width(), "width for " + asked[k]);
                assertEquals(expected[k][1], p.height(), "height for " + asked[k]);
                assertEquals(p.width() * p.height() * 3, p.rgb().length);
                if (p.width() >= 64) {
                    assertShows(v, 200 + k, p);
                }
            }
            assertEquals(16, reader.read(3, 5).width(), "tiny widths are raised to 16 pixels");
            assertEquals(reader.read(207), reader.read(207, 7680), "a width past the source is the full picture");
        }
        try (FrameReader reader = FrameReader.open(TestMedia.get(Variant.PRORES_23976))) {
            Picture p = reader.read(11, 200);
            assertEquals(200, p.width());
            assertEquals(150, p.height());
            assertShows(Variant.PRORES_23976, 11, p);
        }
    }

    @Test
    void editListFrameZeroIsTheFirstShownPicture() {
        try (FrameReader reader = FrameReader.open(TestMedia.get(Variant.EDIT_LIST))) {
            Picture first = reader.read(0);
            assertEquals(25, FrameCode.readRgb(first.rgb(), first.width(), first.height(), first.stride()));
            assertEquals(-1, reader.frameMap().keyframeAtOrBefore(0));
        }
    }

    @Test
    void batchReadEqualsSingleReadsInTheOrderAsked() {
        Variant v = Variant.H264_LONG_GOP;
        long[] indices = {249, 3, 125, 3, 0, 124, 77, 200, 126, 1};
        List<Picture> batch;
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            batch = reader.readAll(indices, 160);
        }
        assertEquals(indices.length, batch.size());
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            for (int k = 0; k < indices.length; k++) {
                Picture single = reader.read(indices[k], 160);
                assertEquals(single, batch.get(k), "batch picture " + k + " (frame " + indices[k] + ")");
                assertShows(v, indices[k], batch.get(k));
            }
        }
    }

    @Test
    void batchDecodesEachGopOnce() {
        Variant v = Variant.H264_LONG_GOP;
        long[] everyFifth = LongStream.range(0, 50).map(i -> i * 5).toArray();
        try (FrameReader reader = FrameReader.open(TestMedia.get(v))) {
            List<Picture> pictures = reader.readAll(everyFifth, 96);
            for (int k = 0; k < everyFifth.length; k++) {
                assertShows(v, everyFifth[k], pictures.get(k));
            }
            FrameReader.Stats stats = reader.stats();
            assertEquals(1, stats.seeks(), "one pass over the file: " + stats);
            assertTrue(stats.framesDecoded() <= v.frameCount(), "no frame decoded twice: " + stats);
        }
    }

    @Test
    void indicesOutsideTheMediaAreRejectedWithTheFrameCount() {
        try (FrameReader reader = FrameReader.open(TestMedia.get(Variant.VP9_WEBM))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.read(50));
            assertTrue(e.getMessage().contains("frame 50") && e.getMessage().contains("50 frames"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> reader.read(-1, 100));
            assertTrue(e.getMessage().contains("frame -1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> reader.readAll(new long[] {1, 2, 99}, 100));
            assertThrows(IllegalArgumentException.class, () -> reader.read(1, 0));
            assertThrows(IllegalArgumentException.class, () -> reader.read(1, 100_000));
            // The reader is still good after refusing.
            assertShows(Variant.VP9_WEBM, 49, reader.read(49));
        }
    }

    @Test
    void aClosedReaderRefusesPolitely() {
        FrameReader reader = FrameReader.open(TestMedia.get(Variant.STILL_PNG));
        assertShows(Variant.STILL_PNG, 0, reader.read(0));
        reader.close();
        reader.close();
        assertThrows(IllegalStateException.class, () -> reader.read(0));
    }

    @Test
    void aCachedFrameMapIsUsedAsGiven() {
        Variant v = Variant.START_PTS_10S;
        FrameMap restored =
                FrameMap.fromBytes(FrameMapBuilder.build(TestMedia.get(v)).toBytes());
        try (FrameReader reader = FrameReader.open(TestMedia.get(v), restored)) {
            assertSame(restored, reader.frameMap());
            assertShows(v, 99, reader.read(99));
            assertShows(v, 0, reader.read(0));
        }
    }

    @Test
    void aFrameMapOfAnotherStreamIsRefused() {
        Path file = TestMedia.get(Variant.H264_LONG_GOP);
        FrameMap video = FrameMapBuilder.build(file);
        // Stream 1 of this file is its AAC audio.
        FrameMap audio = new FrameMap(
                1,
                video.timeBaseNum(),
                video.timeBaseDen(),
                video.frameRate(),
                video.allPts(),
                new BitSet(),
                video.endPts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameReader.open(file, audio));
        assertTrue(e.getMessage().contains("not a video stream"), e.getMessage());
    }

    @Test
    void audioOnlyMediaHasNoStills() {
        assertThrows(MediaException.Unsupported.class, () -> FrameReader.open(TestMedia.get(Variant.AUDIO_ONLY)));
    }

    @Test
    void noCacheAtAllIsStillExact() {
        Variant v = Variant.HEVC_OPEN_GOP;
        try (FrameReader reader = FrameReader.open(TestMedia.get(v), null, new FrameReader.Options(0, 48, 1))) {
            for (int i : new int[] {119, 47, 48, 46, 95, 96, 0, 1, 60}) {
                assertShows(v, i, reader.read(i));
            }
            assertEquals(0, reader.stats().cacheHits());
        }
    }
}
