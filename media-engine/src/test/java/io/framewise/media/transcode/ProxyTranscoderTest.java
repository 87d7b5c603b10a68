package io.framewise.media.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.media.transcode.internal.DisplayRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProxyTranscoderTest {

    @TempDir
    Path dir;

    private final ProxyTranscoder transcoder = new ProxyTranscoder();

    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {
                "H264_LONG_GOP",
                "PRORES_23976",
                "VFR",
                "EDIT_LIST",
                "ROTATED_PHONE",
                "HEVC_OPEN_GOP",
                "VP9_WEBM",
                "MPEG_TS",
                "START_PTS_10S",
                "H264_2997_DF",
                "STILL_PNG"
            })
    void proxyShowsEverySourceFrameInOrder(Variant variant) throws IOException {
        Path source = TestMedia.get(variant);
        Path output = dir.resolve(variant.name().toLowerCase() + ".mp4");
        List<Progress> progress = new ArrayList<>();

        ProxyResult result =
                transcoder.transcode(source, output, ProxySettings.DEFAULT, progress::add, new Cancellation());

        assertEquals(variant.frameCount(), result.frameCount());
        assertEquals(0, result.repeatedFrames(), "every frame decoded");
        assertEquals(variant.frameCount(), FrameMapBuilder.build(output).frameCount(), "frames in the proxy file");
        DecodedVideo decoded = DecodedVideo.decode(output);
        assertEquals(variant.frameCount(), decoded.frameCount());
        assertEquals(0, decoded.errors());
        for (int i = 0; i < decoded.frameCount(); i++) {
            assertEquals(variant.expectedCode(i), decoded.codes().get(i), variant + " proxy frame " + i);
        }
        assertBrowserFriendly(source, output, result);
        ProgressAssertions.assertReachesOneMonotonically(progress);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(output), files.toList(), "no temporary file left behind");
        }
    }

    private static void assertBrowserFriendly(Path source, Path output, ProxyResult result) {
        List<String> boxes = Mp4Boxes.topLevel(output);
        assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat"), "faststart: " + boxes);
        int sourceWidth;
        int sourceHeight;
        boolean sourceAudio;
        try (MediaInput in = MediaInput.open(source)) {
            AVStream v = in.stream(in.requireVideoStream());
            int rotation = DisplayRotation.clockwiseDegrees(v);
            boolean turned = rotation == 90 || rotation == 270;
            sourceWidth = turned ? v.codecpar().height() : v.codecpar().width();
            sourceHeight = turned ? v.codecpar().width() : v.codecpar().height();
            sourceAudio = hasAudio(in);
        }
        try (MediaInput in = MediaInput.open(output)) {
            AVStream v = in.stream(in.requireVideoStream());
            AVCodecParameters par = v.codecpar();
            assertEquals(AV_CODEC_ID_H264, par.codec_id());
            assertEquals(AV_PROFILE_H264_HIGH, par.profile(), "H.264 High");
            assertEquals(AV_PIX_FMT_YUV420P, par.format(), "yuv420p");
            assertEquals(0, par.width() % 2);
            assertEquals(0, par.height() % 2);
            assertTrue(par.width() <= sourceWidth && par.height() <= sourceHeight, "never upscaled");
            assertEquals(result.width(), par.width());
            assertEquals(result.height(), par.height());
            assertEquals(0, DisplayRotation.clockwiseDegrees(v), "upright, without rotation metadata");
            assertEquals(sourceAudio, hasAudio(in), "audio when the source has audio");
            assertEquals(sourceAudio, result.audio());
            for (int i = 0; i < in.streamCount(); i++) {
                AVCodecParameters a = in.stream(i).codecpar();
                if (a.codec_type() == AVMEDIA_TYPE_AUDIO) {
                    assertEquals(AV_CODEC_ID_AAC, a.codec_id());
                    assertEquals(48000, a.sample_rate());
                    assertEquals(2, a.ch_layout().nb_channels());
                }
            }
        }
    }

    private static boolean hasAudio(MediaInput in) {
        for (int i = 0; i < in.streamCount(); i++) {
            if (in.stream(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                return true;
            }
        }
        return false;
    }

    @Test
    void variableFrameRateKeepsEveryFramesTime() {
        Path source = TestMedia.get(Variant.VFR);
        Path output = dir.resolve("vfr.mp4");
        transcoder.transcode(source, output, ProxySettings.DEFAULT, Progress.Listener.NONE, new Cancellation());

        FrameMap in = FrameMapBuilder.build(source);
        FrameMap out = FrameMapBuilder.build(output);
        assertEquals(in.frameCount(), out.frameCount());
        assertTrue(out.isVariableFrameRate(), "still variable");
        double tick =
                Math.max((double) in.timeBaseNum() / in.timeBaseDen(), (double) out.timeBaseNum() / out.timeBaseDen());
        for (int i = 0; i < in.frameCount(); i++) {
            assertEquals(in.secondsOf(i), out.secondsOf(i), tick, "time of frame " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"H264_LONG_GOP", "MPEG_TS", "PRORES_23976", "VP9_WEBM"})
    void audioStartsAndEndsWithTheVideo(Variant variant) {
        Path output = dir.resolve("av.mp4");
        transcoder.transcode(
                TestMedia.get(variant), output, ProxySettings.DEFAULT, Progress.Listener.NONE, new Cancellation());
        // Within one AAC frame (21 ms) plus the encoder's rounding at the end.
        MediaAssertions.assertAudioAlignedWithVideo(output, 0.03);
    }

    @Test
    void hdProxiesAreTaggedBt709AndScaledDown() {
        Path source = dir.resolve("hd.mp4");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=1280x720:rate=25,trim=end_frame=12,format=yuv420p,"
                                + io.framewise.media.testing.FrameCode.drawFilter()),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-f",
                "mp4",
                source.toString());
        Path output = dir.resolve("hd-proxy.mp4");
        ProxyResult result = transcoder.transcode(
                source, output, ProxySettings.DEFAULT.withMaxHeight(360), Progress.Listener.NONE, new Cancellation());
        assertEquals(640, result.width());
        assertEquals(360, result.height());
        try (MediaInput in = MediaInput.open(output)) {
            AVCodecParameters par = in.stream(in.requireVideoStream()).codecpar();
            assertEquals(org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709, par.color_primaries());
            assertEquals(org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709, par.color_trc());
            assertEquals(org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709, par.color_space());
            int sarNum = par.sample_aspect_ratio().num();
            assertTrue(sarNum == 0 || sarNum == par.sample_aspect_ratio().den(), "square pixels");
        }
        // Frame i of this source carries code i, as the first frames of H264_LONG_GOP do.
        DecodedVideo decoded = MediaAssertions.assertShowsFrames(output, Variant.H264_LONG_GOP, 0, 12);
        assertEquals(640, decoded.width());
    }

    @Test
    void rotatedPhoneClipBecomesUprightPortrait() {
        Path output = dir.resolve("phone.mp4");
        ProxyResult result = transcoder.transcode(
                TestMedia.get(Variant.ROTATED_PHONE),
                output,
                ProxySettings.DEFAULT,
                Progress.Listener.NONE,
                new Cancellation());
        assertEquals(180, result.width());
        assertEquals(320, result.height());
        DecodedVideo decoded = DecodedVideo.decode(output);
        assertEquals(180, decoded.width());
        assertEquals(320, decoded.height());
        // The code band is at the top of the upright picture: readable only if the pixels were turned.
        assertEquals(Variant.ROTATED_PHONE.expectedCode(17), decoded.codes().get(17));
    }

    @Test
    void scalesDownToTheMaximumHeightKeepingTheAspect() {
        Path output = dir.resolve("small.mp4");
        ProxyResult result = transcoder.transcode(
                TestMedia.get(Variant.H264_LONG_GOP),
                output,
                ProxySettings.DEFAULT.withMaxHeight(180),
                Progress.Listener.NONE,
                new Cancellation());
        assertEquals(320, result.width());
        assertEquals(180, result.height());
        DecodedVideo decoded = DecodedVideo.decode(output);
        assertEquals(250, decoded.frameCount());
        for (int i : new int[] {0, 1, 124, 125, 126, 249}) {
            assertEquals(i, decoded.codes().get(i), "frame " + i);
        }
    }

    @Test
    void cancellingStopsDeletesThePartialOutputAndThrows() throws IOException {
        Path output = dir.resolve("cancelled.mp4");
        Cancellation cancel = new Cancellation();
        List<Progress> seen = new ArrayList<>();
        Progress.Listener listener = p -> {
            seen.add(p);
            if (p.framesDone() > 0) {
                cancel.cancel();
            }
        };

        MediaException.Cancelled e = assertThrows(
                MediaException.Cancelled.class,
                () -> transcoder.transcode(
                        TestMedia.get(Variant.H264_LONG_GOP), output, ProxySettings.DEFAULT, listener, cancel));

        assertTrue(e.getMessage().contains("cancelled.mp4"), e.getMessage());
        assertFalse(seen.isEmpty());
        assertTrue(seen.get(seen.size() - 1).fraction() < 1.0);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "the partial output is gone");
        }
    }

    @Test
    void aCancelledTokenStopsBeforeAnyWork() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        Path output = dir.resolve("never.mp4");
        assertThrows(
                MediaException.Cancelled.class,
                () -> transcoder.transcode(
                        TestMedia.get(Variant.VP9_WEBM),
                        output,
                        ProxySettings.DEFAULT,
                        Progress.Listener.NONE,
                        cancel));
        assertFalse(Files.exists(output));
    }

    @Test
    void audioOnlyMediaIsRefusedClearly() {
        MediaException e = assertThrows(
                MediaException.Unsupported.class,
                () -> transcoder.transcode(
                        TestMedia.get(Variant.AUDIO_ONLY),
                        dir.resolve("a.mp4"),
                        ProxySettings.DEFAULT,
                        Progress.Listener.NONE,
                        new Cancellation()));
        assertTrue(e.getMessage().contains("no video"), e.getMessage());
    }
}
