package io.framewise.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.media.AudioStreamInfo;
import io.framewise.model.media.ColorInfo;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.VideoStreamInfo;
import io.framewise.model.time.FrameRate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyPolicyTest {

    private static VideoStreamInfo video(String codec, String pixelFormat, int bitDepth, int width, int height) {
        return new VideoStreamInfo(
                0,
                codec,
                Optional.empty(),
                width,
                height,
                width,
                height,
                "1:1",
                0,
                pixelFormat,
                bitDepth,
                ColorInfo.UNKNOWN,
                FrameRate.of(25, 1),
                250,
                false,
                5_000_000,
                false,
                Optional.empty(),
                "progressive",
                1);
    }

    @Test
    void interlacedH264InMp4GetsADeinterlacedProxy() {
        VideoStreamInfo p = h264();
        VideoStreamInfo interlaced = new VideoStreamInfo(
                p.index(),
                p.codec(),
                p.profile(),
                p.codedWidth(),
                p.codedHeight(),
                p.displayWidth(),
                p.displayHeight(),
                p.sampleAspectRatio(),
                p.rotation(),
                p.pixelFormat(),
                p.bitDepth(),
                p.color(),
                p.frameRate(),
                p.frameCount(),
                p.variableFrameRate(),
                p.bitRate(),
                p.stillImage(),
                p.timestampRepair(),
                "tt",
                1);
        assertEquals(List.of("interlaced video (field order tt)"), reasons(media("mp4", interlaced, audio("aac"))));
        assertFalse(ProxyPolicy.decide(media("mp4", p, audio("aac"))).needed(), "progressive plays as it is");
    }

    private static VideoStreamInfo h264() {
        return video("h264", "yuv420p", 8, 1920, 1080);
    }

    private static AudioStreamInfo audio(String codec) {
        return new AudioStreamInfo(1, codec, Optional.empty(), 2, "stereo", 48000, 128_000, Optional.empty());
    }

    private static MediaInfo media(String container, VideoStreamInfo video, AudioStreamInfo... audio) {
        return new MediaInfo(
                container,
                container,
                10,
                5_200_000,
                Optional.ofNullable(video),
                List.of(audio),
                List.of(),
                Optional.empty());
    }

    private static List<String> reasons(MediaInfo info) {
        ProxyDecision d = ProxyPolicy.decide(info);
        assertEquals(!d.reasons().isEmpty(), d.needed());
        return d.reasons();
    }

    @Test
    void browserFriendlyFilesPlayAsTheyAre() {
        assertFalse(ProxyPolicy.decide(media("mp4", h264(), audio("aac"))).needed());
        assertFalse(ProxyPolicy.decide(media("mp4", h264())).needed(), "no audio");
        assertFalse(ProxyPolicy.decide(media("m4v", h264(), audio("mp3"))).needed());
        assertFalse(ProxyPolicy.decide(media("mp4", video("h264", "yuvj420p", 8, 1280, 720), audio("aac")))
                .needed());
        assertFalse(ProxyPolicy.decide(media("webm", video("vp9", "yuv420p", 8, 1280, 720), audio("opus")))
                .needed());
        assertFalse(ProxyPolicy.decide(media("webm", video("vp9", "yuv420p", 8, 1280, 720), audio("vorbis")))
                .needed());
        VideoStreamInfo rotatedVfr = new VideoStreamInfo(
                0,
                "h264",
                Optional.of("High"),
                1920,
                1080,
                1080,
                1920,
                "1:1",
                90,
                "yuv420p",
                8,
                ColorInfo.UNKNOWN,
                FrameRate.of(30, 1),
                300,
                true,
                12_000_000,
                false,
                Optional.empty(),
                "progressive",
                1);
        assertFalse(ProxyPolicy.decide(media("mp4", rotatedVfr, audio("aac"))).needed(), "rotation and VFR are fine");
    }

    @Test
    void proresInMovNeedsAProxyForEveryReason() {
        List<String> r = reasons(media("mov", video("prores", "yuv422p10le", 10, 1920, 1080), audio("pcm_s16le")));
        assertTrue(r.contains("container mov is not playable in browsers (needs mp4 or webm)"), r.toString());
        assertTrue(r.contains("video codec prores is not playable in browsers"), r.toString());
        assertTrue(r.contains("10-bit video"), r.toString());
        assertTrue(r.contains("4:2:2 chroma (yuv422p10le)"), r.toString());
        assertTrue(r.stream().anyMatch(s -> s.startsWith("audio codec pcm_s16le")), r.toString());
    }

    @Test
    void eachProblemIsNamed() {
        assertEquals(
                List.of("video codec hevc is not playable in browsers"),
                reasons(media("mp4", video("hevc", "yuv420p", 8, 1920, 1080))));
        assertEquals(List.of("10-bit video"), reasons(media("mp4", video("h264", "yuv420p10le", 10, 1920, 1080))));
        assertEquals(List.of("10-bit video"), reasons(media("webm", video("vp9", "yuv420p10le", 10, 1920, 1080))));
        assertEquals(List.of("4:4:4 chroma (yuv444p)"), reasons(media("mp4", video("h264", "yuv444p", 8, 1920, 1080))));
        assertEquals(
                List.of("pixel format nv21 is not playable in browsers"),
                reasons(media("mp4", video("h264", "nv21", 8, 1920, 1080))));
        assertEquals(
                List.of("picture 5120x2880 is larger than 4096 pixels"),
                reasons(media("mp4", video("h264", "yuv420p", 8, 5120, 2880))));
        assertEquals(List.of("video codec h264 is not playable in webm (needs mp4)"), reasons(media("webm", h264())));
        assertEquals(
                List.of("audio codec pcm_s16le is not playable in browsers in mp4 (needs aac or mp3)"),
                reasons(media("mp4", h264(), audio("pcm_s16le"))));
        assertEquals(
                List.of("audio codec aac is not playable in browsers in webm (needs opus or vorbis)"),
                reasons(media("webm", video("vp9", "yuv420p", 8, 640, 360), audio("aac"))));
        assertEquals(
                List.of("container matroska is not playable in browsers (needs mp4 or webm)"),
                reasons(media("matroska", h264(), audio("aac"))));
    }

    @Test
    void hugeBitRatesNeedAProxy() {
        VideoStreamInfo heavy = new VideoStreamInfo(
                0,
                "h264",
                Optional.empty(),
                1920,
                1080,
                1920,
                1080,
                "1:1",
                0,
                "yuv420p",
                8,
                ColorInfo.UNKNOWN,
                FrameRate.of(25, 1),
                250,
                false,
                80_000_000,
                false,
                Optional.empty(),
                "progressive",
                1);
        assertEquals(List.of("bit rate 80.0 Mbit/s is above 50 Mbit/s"), reasons(media("mp4", heavy, audio("aac"))));
    }

    @Test
    void stillsAndAudioOnlyFollowWhatBrowsersShow() {
        VideoStreamInfo png = new VideoStreamInfo(
                0,
                "png",
                Optional.empty(),
                320,
                240,
                320,
                240,
                "1:1",
                0,
                "rgb24",
                8,
                ColorInfo.UNKNOWN,
                FrameRate.of(25, 1),
                1,
                false,
                0,
                true,
                Optional.empty(),
                "progressive",
                1);
        assertFalse(ProxyPolicy.decide(media("png", png)).needed());
        VideoStreamInfo tiff = new VideoStreamInfo(
                0,
                "tiff",
                Optional.empty(),
                320,
                240,
                320,
                240,
                "1:1",
                0,
                "rgb48le",
                16,
                ColorInfo.UNKNOWN,
                FrameRate.of(25, 1),
                1,
                false,
                0,
                true,
                Optional.empty(),
                "progressive",
                1);
        assertEquals(List.of("image format tiff is not shown by browsers"), reasons(media("tiff", tiff)));
        assertFalse(ProxyPolicy.decide(media("m4a", null, audio("aac"))).needed());
        assertFalse(ProxyPolicy.decide(media("mp3", null, audio("mp3"))).needed());
        assertEquals(
                List.of("audio codec pcm_s24le in wav is not playable in browsers"),
                reasons(media("wav", null, audio("pcm_s24le"))));
    }
}
