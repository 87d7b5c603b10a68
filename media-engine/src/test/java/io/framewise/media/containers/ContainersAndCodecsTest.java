package io.framewise.media.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.DecodedVideo;
import io.framewise.media.transcode.ProxyResult;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import io.framewise.model.media.ColorInfo;
import io.framewise.model.media.VideoStreamInfo;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every container and codec editors receive follows the one frame truth: probe counts the pictures
 * the command line decodes, the still at the first, second, middle, a random and the last index shows
 * the picture {@code select=eq(n\,N)} picks, and the proxy keeps every frame in order.
 */
class ContainersAndCodecsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceKind.class)
    void framesStillsAndProxyFollowTheDecoder(SourceKind kind) {
        Path media = kind.make(dir);
        VideoStreamInfo video = MediaProbe.probe(media).video().orElseThrow();
        int videoStream = 0;
        int decoded = CliFrames.count(media, videoStream);
        assertEquals(kind.frames, decoded, "the command line decodes every picture made");
        assertEquals(decoded, video.frameCount(), "probe counts what the decoder outputs");
        assertEquals(kind.width(), video.codedWidth(), "width");
        assertEquals(kind.height(), video.codedHeight(), "height");
        probeFacts(kind, video);

        long[] indices = indices(kind, video.frameCount());
        List<Integer> cli = CliFrames.codes(media, videoStream, indices, dir);
        long[] sorted = java.util.Arrays.stream(indices).sorted().toArray();
        try (FrameReader reader = FrameReader.open(media)) {
            // Last first, then back to the start and around: some reads seek, some decode on.
            for (long index : indices) {
                int k = java.util.Arrays.binarySearch(sorted, index);
                assertEquals(index, (long) cli.get(k), "the command line's frame " + index + " carries its index");
                boolean large = (long) video.codedWidth() * video.codedHeight() > 2_500_000;
                Picture p = large ? reader.read(index, 640) : reader.read(index);
                assertEquals(
                        (int) cli.get(k),
                        CliFrames.codeOf(p.rgb(), p.width(), p.height(), p.stride()),
                        kind + " still " + index);
            }
        }

        Path proxy = dir.resolve(kind.name().toLowerCase() + "-proxy.mp4");
        ProxyResult result =
                new ProxyTranscoder().transcode(media, proxy, ProxySettings.DEFAULT, p -> {}, new Cancellation());
        assertEquals(kind.frames, result.frameCount(), "proxy frames written");
        assertEquals(0, result.repeatedFrames(), "every frame decoded");
        DecodedVideo out = DecodedVideo.decode(proxy);
        assertEquals(kind.frames, out.frameCount(), "frames in the proxy");
        for (int i = 0; i < out.frameCount(); i++) {
            assertEquals(i, (int) out.codes().get(i), kind + " proxy frame " + i);
        }
        proxyFacts(kind, video, MediaProbe.probe(proxy).video().orElseThrow());
    }

    /** The first, second, middle, a random and the last index, last first. */
    private static long[] indices(SourceKind kind, long count) {
        Random random = new Random(kind.ordinal());
        Set<Long> set = new LinkedHashSet<>(
                List.of(count - 1, 0L, count / 2, (long) random.nextInt((int) count), Math.min(1, count - 1)));
        return set.stream().mapToLong(Long::longValue).toArray();
    }

    private static void probeFacts(SourceKind kind, VideoStreamInfo video) {
        switch (kind) {
            case MXF_XDCAM_HD422 -> {
                assertEquals("mpeg2video", video.codec());
                assertEquals("yuv422p", video.pixelFormat());
                assertEquals("tt", video.fieldOrder());
            }
            case MXF_AVC_INTRA_100 -> {
                assertEquals("h264", video.codec());
                assertEquals(10, video.bitDepth());
                assertTrue(video.profile().orElse("").contains("Intra"), "AVC-Intra profile: " + video.profile());
            }
            case MOV_TWO_VIDEO_TRACKS -> {
                assertEquals(2, video.videoStreams(), "both tracks are counted");
                assertEquals(0, video.index(), "the first, default track is the video");
            }
            case INTERLACED_H264_TFF -> assertEquals("tt", video.fieldOrder());
            case INTERLACED_MPEG2_BFF -> assertEquals("bb", video.fieldOrder());
            case PRORES_4444_ALPHA -> assertTrue(video.pixelFormat().startsWith("yuva444"), video.pixelFormat());
            case PNG_IN_MOV_ALPHA -> assertEquals("rgba", video.pixelFormat());
            case HDR10_PQ -> assertEquals(new ColorInfo("bt2020", "smpte2084", "bt2020nc", "tv"), video.color());
            case HLG_12BIT_422 -> {
                assertEquals(new ColorInfo("bt2020", "arib-std-b67", "bt2020nc", "tv"), video.color());
                assertEquals(12, video.bitDepth());
            }
            case SINGLE_FRAME -> assertFalse(video.stillImage(), "a one-frame video is still a video");
            default -> assertEquals(1, video.videoStreams(), "one video stream");
        }
        if (kind != SourceKind.MXF_XDCAM_HD422
                && kind != SourceKind.INTERLACED_H264_TFF
                && kind != SourceKind.INTERLACED_MPEG2_BFF
                && kind != SourceKind.AVI_DV) {
            assertFalse(video.interlaced(), kind + " is progressive, probe says " + video.fieldOrder());
        }
    }

    private static void proxyFacts(SourceKind kind, VideoStreamInfo source, VideoStreamInfo proxy) {
        assertFalse(proxy.interlaced(), "the proxy is progressive: " + proxy.fieldOrder());
        if (source.color().isHdr()) {
            assertEquals(source.color(), proxy.color(), "HDR colour tags carried into the proxy");
        }
    }

    @Test
    void theSecondVideoTrackIsNotTheVideo() {
        Path media = SourceKind.MOV_TWO_VIDEO_TRACKS.make(dir);
        assertEquals(20, CliFrames.count(media, 1), "the second track holds other pictures");
        VideoStreamInfo video = MediaProbe.probe(media).video().orElseThrow();
        assertEquals(320, video.codedWidth(), "not the larger second track");
        assertEquals(30, video.frameCount());
    }

    @Test
    void animatedWebpIsRefusedClearlyBecauseFfmpegCannotDecodeIt() {
        Path webp = dir.resolve("animated.webp");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10,trim=end_frame=10"),
                "-c:v",
                "libwebp_anim",
                "-loop",
                "0",
                "-f",
                "webp",
                webp.toString());
        assertThrows(IllegalStateException.class, () -> CliFrames.count(webp, 0), "the command line decodes none");
        assertThrows(MediaException.class, () -> MediaProbe.probe(webp));
    }
}
