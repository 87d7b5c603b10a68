package io.framewise.media.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.TestMedia.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Checks on produced media: the pictures they show, clean decoding, audio alignment. */
public final class MediaAssertions {

    private MediaAssertions() {}

    /** The file holds exactly source frames [from, to) of {@code variant}, in order, by their pictures. */
    public static DecodedVideo assertShowsFrames(Path clip, Variant variant, long from, long to) {
        int expected = (int) (to - from);
        assertEquals(expected, FrameMapBuilder.build(clip).frameCount(), "frames indexed in " + clip.getFileName());
        DecodedVideo decoded = DecodedVideo.decode(clip);
        assertEquals(expected, decoded.frameCount(), "frames decoded from " + clip.getFileName());
        assertEquals(0, decoded.errors(), "decoder errors");
        for (int i = 0; i < expected; i++) {
            assertEquals(
                    variant.expectedCode((int) from + i), decoded.codes().get(i), clip.getFileName() + " frame " + i);
        }
        return decoded;
    }

    /** FFmpeg's own command line decodes the whole file without a single error message. */
    public static void assertCliDecodesWithoutErrors(Path clip) {
        List<String> args =
                List.of("-hide_banner", "-nostdin", "-v", "error", "-i", clip.toString(), "-f", "null", "-");
        try {
            Process p = BundledTools.processBuilder(BundledTools.ffmpeg(), args)
                    .redirectErrorStream(true)
                    .start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg finished");
            assertEquals(0, p.exitValue(), log);
            assertEquals("", log.strip(), "ffmpeg decode messages for " + clip.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The audio starts with its video and ends with it, within {@code tolerance} seconds. */
    public static void assertAudioAlignedWithVideo(Path clip, double tolerance) {
        FrameMap video = FrameMapBuilder.build(clip);
        double videoEnd = video.durationSeconds();
        double videoStart = video.pts(0) * (double) video.timeBaseNum() / video.timeBaseDen();
        try (MediaInput input = MediaInput.open(clip)) {
            int audio = -1;
            for (int i = 0; i < input.streamCount(); i++) {
                if (input.stream(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                    audio = i;
                }
            }
            assertTrue(audio >= 0, "the file has audio");
            AVRational tb = input.stream(audio).time_base();
            double first = Double.MAX_VALUE;
            double last = -Double.MAX_VALUE;
            AVPacket pkt = av_packet_alloc();
            try {
                while (av_read_frame(input.context(), pkt) >= 0) {
                    if (pkt.stream_index() == audio && MediaInput.hasTimestamp(pkt.pts())) {
                        double start = pkt.pts() * (double) tb.num() / tb.den();
                        double end = (pkt.pts() + pkt.duration()) * (double) tb.num() / tb.den();
                        first = Math.min(first, start);
                        last = Math.max(last, end);
                    }
                    av_packet_unref(pkt);
                }
            } finally {
                av_packet_free(pkt);
            }
            assertEquals(videoStart, first, tolerance, "audio starts with the video");
            assertEquals(videoStart + videoEnd, last, tolerance, "audio ends with the video");
        }
    }
}
