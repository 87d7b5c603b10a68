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
import io.framewise.model.time.FrameRate;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** An opened libx264 encoder. Frames go in with {@link #send}, packets come out with {@link #receive}. */
public final class H264Encoder implements VideoEncoder {

    /**
     * What to encode.
     *
     * @param pixelFormat FFmpeg pixel format of the frames (yuv420p for proxies)
     * @param timeBaseNum time base of the frames' pts (the source stream's, so timestamps stay exact)
     * @param profile x264 profile name ("baseline", "main", "high")
     * @param level H.264 level times ten (40 for 4.0), or 0 to let x264 choose
     * @param keyint frames between keyframes; scene-cut keyframes are off so the cadence is fixed
     * @param maxBFrames B-frames in a row, or -1 for the preset's choice
     * @param x264Params extra x264 parameters ("key=value:key=value"), or empty
     * @param globalHeader whether the container wants SPS/PPS in extradata instead of in-band
     * @param color colour tags written into the stream
     * @param sarNum sample aspect ratio numerator (1 for square pixels)
     */
    public record Settings(
            int width,
            int height,
            int pixelFormat,
            int timeBaseNum,
            int timeBaseDen,
            FrameRate frameRate,
            int crf,
            String preset,
            String profile,
            int level,
            int keyint,
            int maxBFrames,
            String x264Params,
            boolean globalHeader,
            ColorTags color,
            int sarNum,
            int sarDen) {

        public Settings {
            Objects.requireNonNull(frameRate, "frameRate");
            Objects.requireNonNull(preset, "preset");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(x264Params, "x264Params");
            Objects.requireNonNull(color, "color");
            if (width <= 0
                    || height <= 0
                    || timeBaseNum <= 0
                    || timeBaseDen <= 0
                    || keyint <= 0
                    || sarNum <= 0
                    || sarDen <= 0) {
                throw new IllegalArgumentException("invalid encoder settings: " + width + "x" + height + " tb "
                        + timeBaseNum + "/" + timeBaseDen + " keyint " + keyint);
            }
        }
    }

    private final Path file;
    private AVCodecContext context;

    private H264Encoder(Path file, AVCodecContext context) {
        this.file = file;
        this.context = context;
    }

    /** Opens libx264; {@code file} names the output in errors. */
    public static H264Encoder open(Settings s, Path file) {
        Ffmpeg.init();
        AVCodec codec = avcodec_find_encoder_by_name("libx264");
        if (codec == null || codec.isNull()) {
            throw new MediaException.Unsupported(
                    file,
                    "the H.264 encoder libx264 is not in this FFmpeg build",
                    "avcodec_find_encoder_by_name",
                    0,
                    null);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVDictionary options = new AVDictionary(null);
        try {
            ctx.width(s.width());
            ctx.height(s.height());
            ctx.pix_fmt(s.pixelFormat());
            ctx.time_base(rational(s.timeBaseNum(), s.timeBaseDen()));
            ctx.framerate(rational(s.frameRate().numerator(), s.frameRate().denominator()));
            ctx.sample_aspect_ratio(rational(s.sarNum(), s.sarDen()));
            ctx.gop_size(s.keyint());
            ctx.keyint_min(s.keyint());
            if (s.maxBFrames() >= 0) {
                ctx.max_b_frames(s.maxBFrames());
            }
            if (s.level() > 0) {
                ctx.level(s.level());
            }
            // 0 lets x264 pick its own thread count (the AVCodecContext default of 1 would serialise it).
            ctx.thread_count(0);
            s.color().applyTo(ctx);
            if (s.globalHeader()) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            av_dict_set(options, "preset", s.preset(), 0);
            av_dict_set(options, "crf", Integer.toString(s.crf()), 0);
            av_dict_set(options, "profile", s.profile(), 0);
            String params = "scenecut=0" + (s.x264Params().isEmpty() ? "" : ":" + s.x264Params());
            av_dict_set(options, "x264-params", params, 0);
            Ffmpeg.checkWrite(avcodec_open2(ctx, codec, options), "avcodec_open2(libx264)", file);
            return new H264Encoder(file, ctx);
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

    @Override
    public AVCodecContext context() {
        if (context == null) {
            throw new IllegalStateException("encoder is closed: " + file);
        }
        return context;
    }

    /** Sends a frame (pts in the encoder's time base), or null to flush. */
    @Override
    public void send(AVFrame frame) {
        Ffmpeg.checkWrite(avcodec_send_frame(context(), frame), "avcodec_send_frame(libx264)", file);
    }

    /** The next packet into {@code packet}, or false when the encoder needs more frames or is drained. */
    @Override
    public boolean receive(AVPacket packet) {
        int ret = avcodec_receive_packet(context(), packet);
        if (Ffmpeg.isAgain(ret) || Ffmpeg.isEof(ret)) {
            return false;
        }
        Ffmpeg.checkWrite(ret, "avcodec_receive_packet(libx264)", file);
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
