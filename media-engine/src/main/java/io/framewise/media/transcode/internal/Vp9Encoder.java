package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * An opened libvpx VP9 encoder for WebM clips: constant quality (CRF) unless a bit rate is given,
 * the "good" deadline at a fast cpu-used, row multithreading. Takes the same settings as
 * {@link H264Encoder} (profile, level and x264 parameters do not apply).
 */
public final class Vp9Encoder implements VideoEncoder {

    private final Path file;
    private AVCodecContext context;

    private Vp9Encoder(Path file, AVCodecContext context) {
        this.file = file;
        this.context = context;
    }

    /** Opens libvpx-vp9; {@code bitRate} in bits per second, or 0 for constant quality at {@code s.crf()}. */
    public static Vp9Encoder open(H264Encoder.Settings s, long bitRate, Path file) {
        Ffmpeg.init();
        AVCodec codec = avcodec_find_encoder_by_name("libvpx-vp9");
        if (codec == null || codec.isNull()) {
            throw new MediaException.Unsupported(
                    file, "the VP9 encoder libvpx-vp9 is not in this FFmpeg build", "avcodec_find_encoder_by_name", 0, null);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVDictionary options = new AVDictionary(null);
        try {
            ctx.width(s.width());
            ctx.height(s.height());
            ctx.pix_fmt(s.pixelFormat());
            ctx.time_base(H264Encoder.rational(s.timeBaseNum(), s.timeBaseDen()));
            ctx.framerate(H264Encoder.rational(
                    s.frameRate().numerator(), s.frameRate().denominator()));
            ctx.sample_aspect_ratio(H264Encoder.rational(s.sarNum(), s.sarDen()));
            ctx.gop_size(s.keyint());
            ctx.thread_count(0);
            s.color().applyTo(ctx);
            if (s.globalHeader()) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            if (bitRate > 0) {
                ctx.bit_rate(bitRate);
            } else {
                ctx.bit_rate(0);
                // VP9's CRF scale is 0..63; x264's 23 looks about like VP9's 32.
                av_dict_set(options, "crf", Integer.toString(Math.min(63, s.crf() + 9)), 0);
            }
            av_dict_set(options, "deadline", "good", 0);
            av_dict_set(options, "cpu-used", "5", 0);
            av_dict_set(options, "row-mt", "1", 0);
            Ffmpeg.checkWrite(avcodec_open2(ctx, codec, options), "avcodec_open2(libvpx-vp9)", file);
            return new Vp9Encoder(file, ctx);
        } catch (RuntimeException e) {
            avcodec_free_context(ctx);
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    @Override
    public AVCodecContext context() {
        if (context == null) {
            throw new IllegalStateException("encoder is closed: " + file);
        }
        return context;
    }

    @Override
    public void send(AVFrame frame) {
        Ffmpeg.checkWrite(avcodec_send_frame(context(), frame), "avcodec_send_frame(libvpx-vp9)", file);
    }

    @Override
    public boolean receive(AVPacket packet) {
        int ret = avcodec_receive_packet(context(), packet);
        if (Ffmpeg.isAgain(ret) || Ffmpeg.isEof(ret)) {
            return false;
        }
        Ffmpeg.checkWrite(ret, "avcodec_receive_packet(libvpx-vp9)", file);
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
