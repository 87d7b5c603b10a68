package io.framewise.media.still;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our stills are byte for byte what {@code ffmpeg -vf select=eq(n\,N),format=rgb24} gives: the same
 * frame, decoded the same way (including when non-reference pictures are skipped on the way to a far
 * target), converted with the same colour matrix and range.
 */
class FrameExactnessTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {
                "H264_LONG_GOP",
                "HEVC_OPEN_GOP",
                "PRORES_23976",
                "MPEG_TS",
                "VP9_WEBM",
                "EDIT_LIST",
                "ROTATED_PHONE",
                "VFR"
            })
    void randomFramesAreByteIdenticalToTheCommandLine(Variant variant) {
        int n = variant.frameCount();
        Random random = new Random(1234 + variant.ordinal());
        int[] indices = random.ints(8, 0, n).distinct().toArray();
        indices = Arrays.copyOf(indices, indices.length + 2);
        indices[indices.length - 2] = 0;
        indices[indices.length - 1] = n - 1;
        indices = Arrays.stream(indices).distinct().sorted().toArray();

        Path media = TestMedia.get(variant);
        List<byte[]> reference;
        try (FrameReader reader = FrameReader.open(media)) {
            Picture first = reader.read(0);
            reference = CliReference.frames(media, indices, first.width(), first.height(), work);

            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < indices.length; k++) {
                order.add(k);
            }
            Collections.shuffle(order, random);
            for (int k : order) {
                Picture p = reader.read(indices[k]);
                assertArrayEquals(reference.get(k), p.rgb(), variant + " frame " + indices[k]);
            }
        }
        try (FrameReader reader = FrameReader.open(media)) {
            List<Picture> batch =
                    reader.readAll(Arrays.stream(indices).asLongStream().toArray());
            for (int k = 0; k < indices.length; k++) {
                assertArrayEquals(reference.get(k), batch.get(k).rgb(), variant + " batch " + indices[k]);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "90,false,false",
        "-90,false,false",
        "180,false,false",
        "0,true,false",
        "0,false,true",
        "90,true,false",
        "-90,true,false",
        "180,true,false"
    })
    void everyDisplayMatrixTurnMatchesTheCommandLine(int rotation, boolean hflip, boolean vflip) {
        Path media = work.resolve("turned.mp4");
        List<String> input = new ArrayList<>(List.of("-display_rotation", String.valueOf(rotation)));
        if (hflip) {
            input.add("-display_hflip");
        }
        if (vflip) {
            input.add("-display_vflip");
        }
        input.addAll(List.of("-i", TestMedia.get(Variant.START_PTS_10S).toString()));
        TestMedia.run(input, "-c", "copy", media.toString());
        try (FrameReader reader = FrameReader.open(media)) {
            Picture p = reader.read(37);
            boolean quarter = Math.abs(rotation) == 90;
            assertEquals(quarter ? 240 : 320, p.width());
            assertEquals(quarter ? 320 : 240, p.height());
            assertArrayEquals(
                    CliReference.frames(media, new int[] {37}, p.width(), p.height(), work)
                            .get(0),
                    p.rgb());
        }
    }

    @Test
    void bt709TaggedMediaIsConvertedWithTheBt709Matrix() {
        Path media = work.resolve("bt709.mp4");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25,trim=end_frame=5,format=yuv420p"),
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-colorspace",
                "bt709",
                "-color_primaries",
                "bt709",
                "-color_trc",
                "bt709",
                media.toString());
        byte[] ours;
        try (FrameReader reader = FrameReader.open(media)) {
            ours = reader.read(3).rgb();
        }
        byte[] cli = CliReference.frames(media, new int[] {3}, 320, 240, work).get(0);
        assertArrayEquals(cli, ours, "BT.709 conversion matches the command line");
        byte[] as601 = cliWithMatrix(media, 3, "bt470bg", 320, 240);
        assertTrue(maxDifference(as601, ours) > 8, "the BT.709 matrix was applied, not BT.601");
    }

    @Test
    void untaggedHighDefinitionIsShownAsBt709() {
        Path media = work.resolve("untagged-hd.mp4");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25,trim=end_frame=2,format=yuv420p"),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                media.toString());
        byte[] ours;
        try (FrameReader reader = FrameReader.open(media)) {
            ours = reader.read(1).rgb();
        }
        assertArrayEquals(cliWithMatrix(media, 1, "bt709", 1280, 720), ours);
    }

    @Test
    void fullRangeMediaKeepsItsRange() {
        // VP9 signals full range as a flag on plain yuv420p (H.264 and HEVC decoders say yuvj420p instead).
        Path media = work.resolve("full-range.webm");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25,trim=end_frame=3"),
                "-vf",
                "scale=out_range=full,format=yuv420p",
                "-c:v",
                "libvpx-vp9",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-color_range",
                "pc",
                media.toString());
        byte[] ours;
        try (FrameReader reader = FrameReader.open(media)) {
            ours = reader.read(2).rgb();
        }
        assertArrayEquals(
                CliReference.frames(media, new int[] {2}, 320, 240, work).get(0), ours);
    }

    private byte[] cliWithMatrix(Path media, int index, String matrix, int width, int height) {
        Path out = work.resolve("matrix-" + matrix + ".rgb");
        TestMedia.run(
                List.of("-i", media.toString()),
                "-vf",
                "select=eq(n\\," + index + "),setparams=colorspace=" + matrix + ",format=rgb24",
                "-fps_mode",
                "passthrough",
                "-f",
                "rawvideo",
                out.toString());
        try {
            byte[] bytes = Files.readAllBytes(out);
            assertEquals(width * height * 3, bytes.length);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return max;
    }
}
