package io.framewise.media.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.media.AudioStreamInfo;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.VideoStreamInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaProbeTest {

    /** What each test medium must probe as: container, video codec (null: none), audio codec (null: none). */
    private record Expected(String container, String videoCodec, String audioCodec) {}

    private static Expected expected(Variant v) {
        return switch (v) {
            case H264_LONG_GOP, H264_2997_DF, VFR, ROTATED_PHONE -> new Expected(
                    "mp4", "h264", v == Variant.VFR ? null : "aac");
            case EDIT_LIST -> new Expected("mp4", "h264", null);
            case PRORES_23976 -> new Expected("mov", "prores", "pcm_s16le");
            case HEVC_OPEN_GOP -> new Expected("matroska", "hevc", null);
            case START_PTS_10S, SUBTITLED -> new Expected("matroska", "h264", null);
            case MPEG_TS -> new Expected("mpegts", "h264", "aac");
            case VP9_WEBM -> new Expected("webm", "vp9", "opus");
            case AUDIO_ONLY -> new Expected("m4a", null, "aac");
            case STILL_PNG -> new Expected("png", "png", null);
        };
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyTestMediumProbesAsItWasMade(Variant variant) {
        Path file = TestMedia.get(variant);
        MediaInfo info = MediaProbe.probe(file);
        Expected want = expected(variant);

        assertEquals(want.container(), info.container(), variant + " container");
        assertFalse(info.formatName().isBlank());
        assertEquals(want.videoCodec() != null, info.hasVideo(), variant + " has video");
        assertEquals(
                Optional.ofNullable(want.audioCodec()),
                info.audio().stream().findFirst().map(AudioStreamInfo::codec));
        for (AudioStreamInfo a : info.audio()) {
            assertEquals(48000, a.sampleRate(), variant + " sample rate");
            int channels = variant == Variant.AUDIO_ONLY ? 2 : 1;
            assertEquals(channels, a.channels(), variant + " channels");
            assertEquals(channels == 2 ? "stereo" : "mono", a.channelLayout(), variant + " layout");
        }
        boolean timecoded = variant == Variant.H264_2997_DF || variant == Variant.PRORES_23976;
        assertEquals(timecoded, info.startTimecode().isPresent(), variant + " start timecode");
        if (!info.hasVideo()) {
            return;
        }
        VideoStreamInfo video = info.video().orElseThrow();
        assertEquals(want.videoCodec(), video.codec(), variant + " codec");
        assertEquals(variant.frameCount(), video.frameCount(), variant + " exact frame count");
        assertEquals(variant == Variant.VFR, video.variableFrameRate(), variant + " VFR flag");
        assertEquals(variant == Variant.STILL_PNG, video.stillImage(), variant + " still image");
        assertEquals(Optional.empty(), video.timestampRepair(), variant + " timestamps used as they are");
        // VFR media count timecode at a standard rate: here the stream's real rate, 50 fps.
        assertEquals(variant.frameRate(), video.frameRate().toString(), variant + " frame rate");
        assertEquals("1:1", video.sampleAspectRatio());
        if (variant != Variant.ROTATED_PHONE) {
            assertEquals(0, video.rotation(), variant + " rotation");
            assertEquals(video.codedWidth(), video.displayWidth());
            assertEquals(video.codedHeight(), video.displayHeight());
        }
        if (variant != Variant.PRORES_23976 && variant != Variant.STILL_PNG) {
            assertEquals("yuv420p", video.pixelFormat(), variant + " pixel format");
            assertEquals(8, video.bitDepth());
        }
        if (variant != Variant.VFR && !video.stillImage()) {
            double seconds = variant.frameCount() / video.frameRate().fps();
            assertEquals(
                    seconds, info.durationSeconds(), 0.5 / video.frameRate().fps(), variant + " duration");
        }
    }

    @Test
    void dropFrameTimecodeFromTheTimecodeTrack() {
        MediaInfo info = MediaProbe.probe(TestMedia.get(Variant.H264_2997_DF));
        assertEquals(Optional.of("01:00:00;00"), info.startTimecode());
        assertTrue(info.dropFrame());
        assertEquals("30000/1001", info.video().orElseThrow().frameRate().toString());
        assertEquals(5.005, info.durationSeconds(), 0.01);
    }

    @Test
    void proResIsTenBitQuickTimeWithNonDropTimecode() {
        MediaInfo info = MediaProbe.probe(TestMedia.get(Variant.PRORES_23976));
        VideoStreamInfo video = info.video().orElseThrow();
        assertEquals("mov", info.container());
        assertEquals(Optional.of("00:59:59:00"), info.startTimecode());
        assertFalse(info.dropFrame());
        assertEquals("yuv422p10le", video.pixelFormat());
        assertEquals(10, video.bitDepth());
        assertEquals(Optional.of("Standard"), video.profile());
        assertEquals(48, video.frameCount());
    }

    @Test
    void durationCountsFromTheFirstFrameNotFromTimestampZero() {
        MediaInfo info = MediaProbe.probe(TestMedia.get(Variant.START_PTS_10S));
        assertEquals(4.0, info.durationSeconds(), 0.001);
        assertEquals(4.0, MediaProbe.probe(TestMedia.get(Variant.VFR)).durationSeconds(), 0.001);
    }

    @Test
    void phoneClipIsShownUprightAndPortrait() {
        VideoStreamInfo video =
                MediaProbe.probe(TestMedia.get(Variant.ROTATED_PHONE)).video().orElseThrow();
        assertEquals(90, video.rotation());
        assertEquals(320, video.codedWidth());
        assertEquals(180, video.codedHeight());
        assertEquals(180, video.displayWidth());
        assertEquals(320, video.displayHeight());
    }

    @Test
    void subtitleTrackIsListedWithItsLanguage() {
        MediaInfo info = MediaProbe.probe(TestMedia.get(Variant.SUBTITLED));
        assertEquals(1, info.subtitles().size());
        assertEquals("subrip", info.subtitles().get(0).codec());
        assertEquals(Optional.of("eng"), info.subtitles().get(0).language());
        assertTrue(info.audio().isEmpty());
    }

    @Test
    void audioOnlyFileHasNoVideoAndStereoAac() {
        MediaInfo info = MediaProbe.probe(TestMedia.get(Variant.AUDIO_ONLY));
        assertTrue(info.isAudioOnly());
        assertEquals("m4a", info.container());
        AudioStreamInfo audio = info.audio().get(0);
        assertEquals("aac", audio.codec());
        assertEquals(Optional.of("LC"), audio.profile());
        assertEquals("stereo", audio.channelLayout());
        assertEquals(3.0, info.durationSeconds(), 0.05);
        assertTrue(audio.bitRate() > 0);
        assertEquals(Optional.empty(), info.startTimecode());
    }

    @Test
    void pngIsAOneFrameStillWithoutDuration() {
        MediaInfo info = MediaProbe.probe(TestMedia.get(Variant.STILL_PNG));
        VideoStreamInfo video = info.video().orElseThrow();
        assertEquals("png", info.container());
        assertTrue(video.stillImage());
        assertEquals(1, video.frameCount());
        assertEquals(320, video.displayWidth());
        assertEquals(240, video.displayHeight());
        assertEquals("rgb24", video.pixelFormat());
        assertEquals(0.0, info.durationSeconds());
    }

    /**
     * The probed frame count is the count of pictures: FFmpeg's own decoder (which honours edit lists)
     * shows the expected code in the last counted frame and has no frame after it.
     */
    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"EDIT_LIST", "VFR", "MPEG_TS"})
    void lastCountedFrameIsTheLastPicture(Variant variant, @TempDir Path dir) throws IOException {
        Path file = TestMedia.get(variant);
        long count = MediaProbe.probe(file).video().orElseThrow().frameCount();
        Path last = dir.resolve("last.png");
        Path beyond = dir.resolve("beyond.png");
        extractFrame(file, count - 1, last);
        extractFrame(file, count, beyond);
        assertEquals(variant.expectedCode((int) count - 1), FrameCode.read(last), variant + " last frame");
        assertFalse(Files.exists(beyond), variant + " has a frame after the counted ones");
    }

    private static void extractFrame(Path file, long index, Path out) {
        TestMedia.run(
                List.of("-i", file.toString()),
                "-map",
                "0:v:0",
                "-vf",
                "select=eq(n\\," + index + ")",
                "-fps_mode",
                "passthrough",
                "-frames:v",
                "1",
                "-update",
                "1",
                out.toString());
    }
}
