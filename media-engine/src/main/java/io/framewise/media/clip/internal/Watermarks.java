package io.framewise.media.clip.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.framewise.media.MediaException;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.transcode.PictureGeometry;
import io.framewise.media.transcode.internal.FrameRangeTranscoder;
import io.framewise.media.transcode.internal.VideoFilterGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Turns the watermarks of {@link ClipOptions} into filter steps over pictures of a known size. */
public final class Watermarks {

    private Watermarks() {}

    /** Fails clearly, before any work, when the text watermark's font is missing. */
    static void checkFont(ClipOptions.TextWatermark text) {
        if (!Files.isRegularFile(text.font())) {
            throw new MediaException.NotFound(
                    text.font(),
                    "font for the text watermark not found (install Debian's fonts-dejavu-core or name a font file)");
        }
    }

    /** The decoration for pictures of {@code size}; {@code picture} is the decoded image watermark or null. */
    static FrameRangeTranscoder.Decoration decoration(ClipOptions options, AVFrame picture, PictureGeometry size) {
        int margin = Math.max(4, Math.round(Math.min(size.width(), size.height()) * 0.03f));
        List<VideoFilterGraph.Step> steps = new ArrayList<>();
        options.text().ifPresent(text -> steps.add(drawText(text, size, margin)));
        VideoFilterGraph.Overlay overlay = null;
        if (picture != null) {
            ClipOptions.ImageWatermark image = options.image().orElseThrow();
            List<VideoFilterGraph.Step> prepare = new ArrayList<>();
            if (image.widthFraction() > 0) {
                int width = Math.max(2, (int) Math.round(size.width() * image.widthFraction()));
                prepare.add(VideoFilterGraph.Step.of("scale", "w", Integer.toString(width), "h", "-1"));
            }
            prepare.add(VideoFilterGraph.Step.of("format", "pix_fmts", "rgba"));
            prepare.add(VideoFilterGraph.Step.of("colorchannelmixer", "aa", decimal(image.opacity())));
            String[] xy = position(image.corner(), "W", "H", "w", "h", margin);
            overlay = new VideoFilterGraph.Overlay(picture, prepare, xy[0], xy[1]);
        }
        return new FrameRangeTranscoder.Decoration(steps, overlay);
    }

    private static VideoFilterGraph.Step drawText(ClipOptions.TextWatermark text, PictureGeometry size, int margin) {
        int fontSize = Math.max(8, (int) Math.round(size.height() * text.heightFraction()));
        String[] xy = position(text.corner(), "w", "h", "tw", "th", margin);
        String opacity = decimal(text.opacity());
        return VideoFilterGraph.Step.of(
                "drawtext",
                "fontfile",
                text.font().toString(),
                "text",
                text.text(),
                // The text is shown as given: no %{...} expansion of user input.
                "expansion",
                "none",
                "fontsize",
                Integer.toString(fontSize),
                "fontcolor",
                "white@" + opacity,
                "borderw",
                Integer.toString(Math.max(1, fontSize / 12)),
                "bordercolor",
                "black@" + opacity,
                "x",
                xy[0],
                "y",
                xy[1]);
    }

    /** x and y expressions for a box of {@code w} x {@code h} in a frame of {@code W} x {@code H}. */
    private static String[] position(
            ClipOptions.Corner corner, String frameW, String frameH, String w, String h, int m) {
        String left = Integer.toString(m);
        String right = frameW + "-" + w + "-" + m;
        String top = Integer.toString(m);
        String bottom = frameH + "-" + h + "-" + m;
        return switch (corner) {
            case TOP_LEFT -> new String[] {left, top};
            case TOP_RIGHT -> new String[] {right, top};
            case BOTTOM_LEFT -> new String[] {left, bottom};
            case BOTTOM_RIGHT -> new String[] {right, bottom};
            case CENTER -> new String[] {"(" + frameW + "-" + w + ")/2", "(" + frameH + "-" + h + ")/2"};
        };
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Decodes the first picture of an image file; the caller frees it with av_frame_free. */
    public static AVFrame loadPicture(Path image) {
        try (MediaInput input = MediaInput.open(image)) {
            int index = input.requireVideoStream();
            AVCodecContext decoder = Decoders.open(input, index, 1);
            AVPacket pkt = av_packet_alloc();
            AVFrame frame = av_frame_alloc();
            try {
                boolean flushed = false;
                while (true) {
                    int ret = avcodec_receive_frame(decoder, frame);
                    if (ret >= 0) {
                        AVFrame result = frame;
                        frame = null;
                        return result;
                    }
                    if (flushed) {
                        throw new MediaException.Corrupt(
                                image,
                                "the watermark picture cannot be decoded",
                                "avcodec_receive_frame",
                                ret,
                                Ffmpeg.errorString(ret));
                    }
                    ret = av_read_frame(input.context(), pkt);
                    if (ret < 0) {
                        avcodec_send_packet(decoder, null);
                        flushed = true;
                    } else {
                        if (pkt.stream_index() == index) {
                            avcodec_send_packet(decoder, pkt);
                        }
                        av_packet_unref(pkt);
                    }
                }
            } finally {
                if (frame != null) {
                    av_frame_free(frame);
                }
                av_packet_free(pkt);
                Decoders.free(decoder);
            }
        }
    }
}
