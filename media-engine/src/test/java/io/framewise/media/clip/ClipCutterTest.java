package io.framewise.media.clip;

import static io.framewise.media.transcode.MediaAssertions.assertAudioAlignedWithVideo;
import static io.framewise.media.transcode.MediaAssertions.assertCliDecodesWithoutErrors;
import static io.framewise.media.transcode.MediaAssertions.assertShowsFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.time.FrameRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClipCutterTest {

    @TempDir
    Path dir;

    private final ClipCutter cutter = new ClipCutter();

    private ClipResult cut(Variant variant, String name, long in, long out, ClipMode mode) {
        return cutter.cut(
                TestMedia.get(variant),
                dir.resolve(name),
                FrameRange.of(in, out),
                mode,
                ClipOptions.DEFAULT,
                Progress.Listener.NONE,
                new Cancellation());
    }

    @ParameterizedTest(name = "COPY {0} {1} [{2}, {3}) -> [{4}, {5})")
    @CsvSource({
        "H264_LONG_GOP, copy-a.mp4, 30, 200, 0, 250",
        "H264_LONG_GOP, copy-b.mp4, 10, 60, 0, 125",
        "H264_LONG_GOP, copy-c.mp4, 125, 250, 125, 250",
        "H264_LONG_GOP, copy-d.mkv, 130, 140, 125, 250",
        "MPEG_TS, copy-e.ts, 30, 70, 25, 75",
        "MPEG_TS, copy-f.mp4, 0, 25, 0, 25",
        "PRORES_23976, copy-g.mov, 5, 20, 5, 20",
        "EDIT_LIST, copy-h.mp4, 10, 60, 25, 75",
        "START_PTS_10S, copy-i.mp4, 30, 80, 25, 100"
    })
    void copyStartsOnAKeyframeAndSaysWhereItSnapped(
            Variant variant, String name, long in, long out, long actualIn, long actualOut) {
        ClipResult r = cut(variant, name, in, out, ClipMode.COPY);

        assertEquals(ClipMode.COPY, r.mode());
        assertEquals(FrameRange.of(in, out), r.requested());
        assertEquals(FrameRange.of(actualIn, actualOut), r.actual());
        assertEquals(actualIn != in || actualOut != out, r.snapped());
        assertEquals(actualOut - actualIn, r.frameCount());
        assertEquals(r.frameCount(), r.framesCopied());
        assertEquals(0, r.framesReencoded());
        assertShowsFrames(r.output(), variant, actualIn, actualOut);
        assertCliDecodesWithoutErrors(r.output());
    }

    @ParameterizedTest(name = "SMART {0} {1} [{2}, {3}): {4} re-encoded, {5} copied")
    @CsvSource({
        "H264_LONG_GOP, smart-a.mp4, 30, 200, 170, 0",
        "H264_LONG_GOP, smart-b.mp4, 125, 250, 0, 125",
        "H264_LONG_GOP, smart-c.mp4, 30, 250, 95, 125",
        "H264_LONG_GOP, smart-d.mov, 100, 249, 149, 0",
        "H264_LONG_GOP, smart-e.mkv, 0, 130, 5, 125",
        "H264_LONG_GOP, smart-f.ts, 60, 126, 66, 0",
        "MPEG_TS, smart-g.ts, 10, 90, 30, 50",
        "MPEG_TS, smart-h.mp4, 10, 90, 30, 50",
        "MPEG_TS, smart-i.mkv, 26, 99, 48, 25",
        "H264_LONG_GOP, smart-j.ts, 30, 250, 95, 125",
        "START_PTS_10S, smart-k.ts, 30, 80, 25, 25",
        "START_PTS_10S, smart-l.mp4, 30, 80, 25, 25"
    })
    void smartIsFrameExactAndCopiesWholeGops(
            Variant variant, String name, long in, long out, int reencoded, int copied) {
        ClipResult r = cut(variant, name, in, out, ClipMode.SMART);

        assertEquals(ClipMode.SMART, r.mode(), r.fallbackReason().orElse(""));
        assertEquals(Optional.empty(), r.fallbackReason());
        assertEquals(FrameRange.of(in, out), r.actual());
        assertFalse(r.snapped());
        assertEquals(out - in, r.frameCount());
        assertEquals(reencoded, r.framesReencoded());
        assertEquals(copied, r.framesCopied());
        assertShowsFrames(r.output(), variant, in, out);
        assertCliDecodesWithoutErrors(r.output());
        if (variant != Variant.START_PTS_10S) {
            assertTrue(r.audio());
            assertAudioAlignedWithVideo(r.output(), 0.05);
        }
    }

    @Test
    void smartWithoutAKeyframeInsideTheRangeReencodesItWhole() {
        ClipResult r = cut(Variant.H264_LONG_GOP, "inside.mp4", 10, 60, ClipMode.SMART);
        assertEquals(ClipMode.SMART, r.requestedMode());
        assertEquals(ClipMode.REENCODE, r.mode());
        assertTrue(
                r.fallbackReason().orElseThrow().contains("no keyframe"),
                r.fallbackReason().toString());
        assertEquals(50, r.framesReencoded());
        assertShowsFrames(r.output(), Variant.H264_LONG_GOP, 10, 60);
    }

    @Test
    void smartOnIntraOnlyMediaIsAnExactCopy() {
        ClipResult r = cut(Variant.PRORES_23976, "prores.mov", 7, 31, ClipMode.SMART);
        assertEquals(ClipMode.COPY, r.mode());
        assertFalse(r.snapped());
        assertTrue(r.fallbackReason().orElseThrow().contains("every frame is a keyframe"));
        assertEquals(24, r.framesCopied());
        assertShowsFrames(r.output(), Variant.PRORES_23976, 7, 31);
    }

    @Test
    void smartOnACodecItDoesNotCutFallsBackToAFrameExactReencode() {
        ClipResult r = cut(Variant.HEVC_OPEN_GOP, "hevc.mp4", 20, 70, ClipMode.SMART);
        assertEquals(ClipMode.REENCODE, r.mode());
        assertTrue(
                r.fallbackReason().orElseThrow().contains("hevc"),
                r.fallbackReason().toString());
        assertShowsFrames(r.output(), Variant.HEVC_OPEN_GOP, 20, 70);
    }

    @ParameterizedTest(name = "REENCODE {0} {1} [{2}, {3})")
    @CsvSource({
        "H264_LONG_GOP, re-a.mp4, 30, 200",
        "H264_LONG_GOP, re-b.mkv, 10, 60",
        "MPEG_TS, re-c.ts, 33, 77",
        "PRORES_23976, re-d.mp4, 1, 47",
        "EDIT_LIST, re-e.mp4, 0, 30",
        "VFR, re-f.mov, 40, 70"
    })
    void reencodeGivesExactlyTheFramesAsked(Variant variant, String name, long in, long out) {
        ClipResult r = cut(variant, name, in, out, ClipMode.REENCODE);
        assertEquals(ClipMode.REENCODE, r.mode());
        assertEquals(out - in, r.frameCount());
        assertEquals(out - in, r.framesReencoded());
        assertShowsFrames(r.output(), variant, in, out);
        assertCliDecodesWithoutErrors(r.output());
    }

    @Test
    void rangesOutsideTheMediaAreRejectedClearly() {
        Path source = TestMedia.get(Variant.H264_LONG_GOP);
        for (long[] range : new long[][] {{0, 251}, {250, 260}, {300, 400}}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> cutter.cut(
                            source,
                            dir.resolve("bad.mp4"),
                            FrameRange.of(range[0], range[1]),
                            ClipMode.SMART,
                            ClipOptions.DEFAULT,
                            Progress.Listener.NONE,
                            new Cancellation()));
            assertTrue(e.getMessage().contains("outside") && e.getMessage().contains("250 frames"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FrameRange.of(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> FrameRange.of(20, 20));
        assertFalse(Files.exists(dir.resolve("bad.mp4")));
    }

    @Test
    void cancellingAClipRemovesThePartialFile() throws IOException {
        Cancellation cancel = new Cancellation();
        List<Progress> seen = new ArrayList<>();
        Progress.Listener listener = p -> {
            seen.add(p);
            cancel.cancel();
        };
        for (ClipMode mode : ClipMode.values()) {
            assertThrows(
                    MediaException.Cancelled.class,
                    () -> cutter.cut(
                            TestMedia.get(Variant.H264_LONG_GOP),
                            dir.resolve("c.mp4"),
                            FrameRange.of(30, 250),
                            mode,
                            ClipOptions.DEFAULT,
                            listener,
                            cancel),
                    mode.name());
        }
        assertFalse(seen.isEmpty());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void progressOfAClipReachesOne() {
        List<Progress> seen = new ArrayList<>();
        cutter.cut(
                TestMedia.get(Variant.MPEG_TS),
                dir.resolve("p.mp4"),
                FrameRange.of(10, 90),
                ClipMode.SMART,
                ClipOptions.DEFAULT,
                seen::add,
                new Cancellation());
        io.framewise.media.transcode.ProgressAssertions.assertReachesOneMonotonically(seen);
    }
}
