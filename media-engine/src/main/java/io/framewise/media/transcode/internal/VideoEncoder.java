package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * An opened video encoder: frames in with {@link #send}, packets out with {@link #receive}. The
 * subclasses differ only in the codec and its own options; opening, sending, receiving and freeing
 * are the same for every encoder.
 */
public abstract class VideoEncoder implements Closeable {

    private final Path file;
    private final String codec;
    private AVCodecContext context;

    VideoEncoder(Path file, String codec, AVCodecContext context) {
        this.file = file;
        this.codec = codec;
        this.context = context;
    }

    /**
     * Opens encoder {@code codec} ({@code kind} names it in errors, e.g. "H.264") with what every
     * encoder takes from {@code s}, then the codec's own fields and options set by {@code specific}.
     */
    static AVCodecContext openContext(
            String codec,
            String kind,
            H264Encoder.Settings s,
            Path file,
            BiConsumer<AVCodecContext, AVDictionary> specific) {
        Ffmpeg.init();
        AVCodec found = avcodec_find_encoder_by_name(codec);
        if (found == null || found.isNull()) {
            throw new MediaException.Unsupported(
                    file,
                    "the " + kind + " encoder " + codec + " is not in this FFmpeg build",
                    "avcodec_find_encoder_by_name",
                    0,
                    null);
        }
        AVCodecContext ctx = avcodec_alloc_context3(found);
        AVDictionary options = new AVDictionary(null);
        try {
            ctx.width(s.width());
            ctx.height(s.height());
            ctx.pix_fmt(s.pixelFormat());
            ctx.time_base(rational(s.timeBaseNum(), s.timeBaseDen()));
            ctx.framerate(rational(s.frameRate().numerator(), s.frameRate().denominator()));
            ctx.sample_aspect_ratio(rational(s.sarNum(), s.sarDen()));
            ctx.gop_size(s.keyint());
            // 0 lets the encoder pick its own thread count (the AVCodecContext default of 1 would serialise it).
            ctx.thread_count(0);
            s.color().applyTo(ctx);
            if (s.globalHeader()) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            specific.accept(ctx, options);
            Ffmpeg.checkWrite(avcodec_open2(ctx, found, options), "avcodec_open2(" + codec + ")", file);
            return ctx;
        } catch (RuntimeException e) {
            avcodec_free_context(ctx);
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    static AVRational rational(int num, int den) {
        return new AVRational().num(num).den(den);
    }

    public AVCodecContext context() {
        if (context == null) {
            throw new IllegalStateException("encoder is closed: " + file);
        }
        return context;
    }

    /** Sends a frame (pts in the encoder's time base), or null to flush. */
    public void send(AVFrame frame) {
        Ffmpeg.checkWrite(avcodec_send_frame(context(), frame), "avcodec_send_frame(" + codec + ")", file);
    }

    /** The next packet into {@code packet}, or false when the encoder needs more frames or is drained. */
    public boolean receive(AVPacket packet) {
        int ret = avcodec_receive_packet(context(), packet);
        if (Ffmpeg.isAgain(ret) || Ffmpeg.isEof(ret)) {
            return false;
        }
        Ffmpeg.checkWrite(ret, "avcodec_receive_packet(" + codec + ")", file);
        return true;
    }

    @Override
    public void close() {
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
    }
}
