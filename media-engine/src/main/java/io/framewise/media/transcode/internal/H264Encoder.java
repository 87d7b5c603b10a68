package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import io.framewise.model.time.FrameRate;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;

/** An opened libx264 encoder. Frames go in with {@link #send}, packets come out with {@link #receive}. */
public final class H264Encoder extends VideoEncoder {

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

    private H264Encoder(Path file, AVCodecContext context) {
        super(file, "libx264", context);
    }

    /** Opens libx264; {@code file} names the output in errors. */
    public static H264Encoder open(Settings s, Path file) {
        AVCodecContext ctx = openContext("libx264", "H.264", s, file, (c, options) -> {
            c.keyint_min(s.keyint());
            if (s.maxBFrames() >= 0) {
                c.max_b_frames(s.maxBFrames());
            }
            if (s.level() > 0) {
                c.level(s.level());
            }
            av_dict_set(options, "preset", s.preset(), 0);
            av_dict_set(options, "crf", Integer.toString(s.crf()), 0);
            av_dict_set(options, "profile", s.profile(), 0);
            String params = "scenecut=0" + (s.x264Params().isEmpty() ? "" : ":" + s.x264Params());
            av_dict_set(options, "x264-params", params, 0);
        });
        return new H264Encoder(file, ctx);
    }
}
