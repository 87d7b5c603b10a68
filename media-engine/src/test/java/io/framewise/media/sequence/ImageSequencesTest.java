package io.framewise.media.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.DecodedVideo;
import io.framewise.media.transcode.ProxyResult;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import io.framewise.model.media.ImageSequenceInfo;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.VideoStreamInfo;
import io.framewise.model.time.FrameRange;
import io.framewise.model.time.FrameRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbered image files become one media item: frame index 0 is file 1001, a missing number becomes
 * a black "missing frame" picture in place (never closed up), and stills, the frame map and the
 * proxy all follow that numbering. Every format is generated here by the bundled ffmpeg, with each
 * picture's frame code drawn in it.
 */
class ImageSequencesTest {

    private static final int FILES = 12;
    private static final long FIRST = 1001;
    private static final long GAP = 1005;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"exr", "dpx", "tif", "png", "jpg"})
    void aSequenceWithAGapIsOneMediaItemNumberedFromItsFirstFile(String ext) throws IOException {
        Path frames = makeSequence(ext, "shot_v003.%04d." + ext);
        Files.delete(frames.resolve("shot_v003." + GAP + "." + ext));
        Path manifest = dir.resolve("original.imgseq");

        ImageSequenceInfo made = ImageSequences.prepare(frames, manifest, FrameRate.FPS_24);
        assertEquals("frames/shot_v003.%04d." + ext, made.pattern());
        assertEquals(List.of(GAP), made.missing(), "the gap is reported");
        assertTrue(Files.isRegularFile(frames.resolve("shot_v003." + GAP + "." + ext)), "a slate fills the gap");

        MediaInfo info = MediaProbe.probe(manifest);
        VideoStreamInfo video = info.video().orElseThrow();
        assertEquals(FILES, video.frameCount(), "the gap keeps its place: first..last frames");
        assertEquals(FrameRate.FPS_24, video.frameRate());
        assertFalse(video.stillImage(), "a sequence is moving pictures");
        assertEquals(FIRST, info.startFrame(), "frame numbers start at the first file's");
        assertEquals("00:00:41:17", info.startTimecode().orElseThrow(), "timecode of frame 1001 at 24 fps");
        ImageSequenceInfo sequence = info.sequence().orElseThrow();
        assertEquals(FIRST, sequence.first());
        assertEquals(FIRST + FILES - 1, sequence.last());
        assertEquals(List.of(GAP), sequence.missing());

        FrameMap map = FrameMapBuilder.build(manifest);
        assertEquals(FILES, map.frameCount(), "the frame map counts what the decoder outputs");

        long[] indices = indices(ext.hashCode());
        try (FrameReader reader = FrameReader.open(manifest)) {
            for (long index : indices) {
                Picture p = reader.read(index);
                int ours = FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride());
                Path source = frames.resolve(String.format("shot_v003.%04d.%s", FIRST + index, ext));
                assertEquals(
                        cliCode(source), ours, ext + " still " + index + " is the picture of " + source.getFileName());
                if (FIRST + index == GAP) {
                    assertSlate(p);
                } else {
                    assertEquals(index, ours, ext + " still " + index + " shows source frame " + index);
                }
            }
        }

        Path proxy = dir.resolve("proxy.mp4");
        ProxyResult result =
                new ProxyTranscoder().transcode(manifest, proxy, ProxySettings.DEFAULT, p -> {}, new Cancellation());
        assertEquals(FILES, result.frameCount(), "proxy frames written");
        DecodedVideo out = DecodedVideo.decode(proxy);
        assertEquals(FILES, out.frameCount(), "frames in the proxy");
        for (int i = 0; i < FILES; i++) {
            int expected = FIRST + i == GAP ? 0 : i;
            assertEquals(expected, (int) out.codes().get(i), ext + " proxy frame " + i);
        }
    }

    @Test
    void aReencodedClipKeepsTheSequencesNumberingAndItsGap() throws IOException {
        Path frames = makeSequence("exr", "shot.%04d.exr");
        Files.delete(frames.resolve("shot." + GAP + ".exr"));
        Path manifest = dir.resolve("original.imgseq");
        ImageSequences.prepare(frames, manifest, FrameRate.FPS_24);
        ClipResult clip = new ClipCutter()
                .cut(
                        manifest,
                        dir.resolve("clip.mp4"),
                        FrameRange.of(3, 8),
                        ClipMode.REENCODE,
                        ClipOptions.DEFAULT,
                        Progress.Listener.NONE,
                        new Cancellation());
        DecodedVideo out = DecodedVideo.decode(clip.output());
        assertEquals(List.of(3, 0, 5, 6, 7), out.codes(), "frames 1004..1008, 1005 the black slate");
    }

    @Test
    void theRateChosenAtIngestAndUnpaddedNumbersAreKept() throws IOException {
        Path frames = makeSequence("png", "plate.%d.png", 995);
        ImageSequences.prepare(frames, dir.resolve("original.imgseq"), FrameRate.FPS_25);
        MediaInfo info = MediaProbe.probe(dir.resolve("original.imgseq"));
        assertEquals("frames/plate.%d.png", info.sequence().orElseThrow().pattern(), "995..1006 are not padded");
        assertEquals(FILES, info.video().orElseThrow().frameCount());
        assertEquals(FrameRate.FPS_25, info.video().orElseThrow().frameRate());
        assertEquals(995, info.startFrame());
        assertEquals("00:00:39:20", info.startTimecode().orElseThrow(), "995 frames at 25 fps");
        assertEquals(List.of(), info.sequence().orElseThrow().missing());
    }

    @Test
    void foldersThatAreNotOneSequenceAreRefusedByName() throws IOException {
        Path frames = makeSequence("png", "a.%04d.png");
        Files.copy(frames.resolve("a.1001.png"), frames.resolve("b.1001.png"));
        MediaException mixed = assertThrows(MediaException.class, () -> ImageSequences.scan(frames));
        assertTrue(mixed.getMessage().contains("mixed"), mixed.getMessage());
        Files.delete(frames.resolve("b.1001.png"));

        Files.writeString(frames.resolve("notes.txt"), "hello");
        MediaException other = assertThrows(MediaException.class, () -> ImageSequences.scan(frames));
        assertTrue(other.getMessage().contains("notes.txt"), other.getMessage());
        Files.delete(frames.resolve("notes.txt"));

        Files.createSymbolicLink(frames.resolve("a.2000.png"), frames.resolve("a.1001.png"));
        MediaException link = assertThrows(MediaException.class, () -> ImageSequences.scan(frames));
        assertTrue(link.getMessage().contains("not a plain file"), link.getMessage());
        Files.delete(frames.resolve("a.2000.png"));

        Files.copy(frames.resolve("a.1001.png"), frames.resolve("a.99999.png"));
        MediaException gap = assertThrows(MediaException.class, () -> ImageSequences.scan(frames));
        assertTrue(gap.getMessage().contains("missing"), gap.getMessage());
    }

    @Test
    void aHostileManifestIsRefused() throws IOException {
        Path manifest = dir.resolve("evil.imgseq");
        for (String pattern : List.of("../../etc/passwd%d.png", "/etc/x.%d.png", "x.%s.png", "x.%d.txt", "a%d%n.png")) {
            Files.writeString(manifest, "{\"pattern\":\"" + pattern + "\",\"first\":1,\"last\":2,\"rate\":\"24\"}");
            assertThrows(MediaException.Corrupt.class, () -> MediaProbe.probe(manifest), pattern);
        }
        Files.writeString(manifest, "{\"pattern\":\"x.%d.png\",\"first\":1,\"last\":99999999,\"rate\":\"24\"}");
        assertThrows(MediaException.Corrupt.class, () -> MediaProbe.probe(manifest), "too many frames");
        Files.writeString(manifest, "not json");
        assertThrows(MediaException.Corrupt.class, () -> MediaProbe.probe(manifest));
    }

    /** Twelve 320x180 pictures numbered from 1001 (or {@code first}), each with its index drawn as a frame code. */
    private Path makeSequence(String ext, String pattern) throws IOException {
        return makeSequence(ext, pattern, FIRST);
    }

    private Path makeSequence(String ext, String pattern, long first) throws IOException {
        Path frames = Files.createDirectories(dir.resolve("frames"));
        List<String> args = new ArrayList<>(
                List.of("-frames:v", String.valueOf(FILES), "-start_number", String.valueOf(first), "-f", "image2"));
        if (ext.equals("jpg")) {
            args.addAll(List.of("-q:v", "2"));
        }
        args.add(frames.resolve(pattern).toString());
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24,format=yuv420p," + FrameCode.drawFilter()),
                args.toArray(String[]::new));
        return frames;
    }

    /** The frame code the command line decodes from one image file. */
    private int cliCode(Path image) {
        Path png = dir.resolve("cli-" + image.getFileName() + ".png");
        TestMedia.run(
                List.of("-i", image.toString()), "-frames:v", "1", "-pix_fmt", "rgb24", "-update", "1", png.toString());
        return FrameCode.read(png);
    }

    /** Black all over but for the white letters across the middle. */
    private static void assertSlate(Picture p) {
        long white = 0;
        long bright = 0;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                int luma = p.rgb()[y * p.stride() + x * 3 + 1] & 0xff;
                if (luma > 200) {
                    white++;
                    assertTrue(
                            y > p.height() / 3 && y < p.height() * 2 / 3, "white only in the text band, not at y=" + y);
                }
                bright += luma > 40 ? 1 : 0;
            }
        }
        assertTrue(white > 200, "the slate's letters are drawn (" + white + " white pixels)");
        assertTrue(bright < (long) p.width() * p.height() / 4, "the slate is black around its letters");
    }

    /** First, second, middle, a random and the last index, last first. */
    private static long[] indices(long seed) {
        Set<Long> set = new LinkedHashSet<>(List.of(
                (long) FILES - 1, 0L, (long) FILES / 2, (long) new Random(seed).nextInt(FILES), 1L, GAP - FIRST));
        return set.stream().mapToLong(Long::longValue).toArray();
    }
}
