package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;

/**
 * An opened libvpx VP9 encoder for WebM clips: constant quality (CRF) unless a bit rate is given,
 * the "good" deadline at a fast cpu-used, row multithreading. Takes the same settings as
 * {@link H264Encoder} (profile, level and x264 parameters do not apply).
 */
public final class Vp9Encoder extends VideoEncoder {

    private Vp9Encoder(Path file, AVCodecContext context) {
        super(file, "libvpx-vp9", context);
    }

    /** Opens libvpx-vp9; {@code bitRate} in bits per second, or 0 for constant quality at {@code s.crf()}. */
    public static Vp9Encoder open(H264Encoder.Settings s, long bitRate, Path file) {
        AVCodecContext ctx = openContext("libvpx-vp9", "VP9", s, file, (c, options) -> {
            if (bitRate > 0) {
                c.bit_rate(bitRate);
            } else {
                c.bit_rate(0);
                // VP9's CRF scale is 0..63; x264's 23 looks about like VP9's 32.
                av_dict_set(options, "crf", Integer.toString(Math.min(63, s.crf() + 9)), 0);
            }
            av_dict_set(options, "deadline", "good", 0);
            av_dict_set(options, "cpu-used", "5", 0);
            av_dict_set(options, "row-mt", "1", 0);
        });
        return new Vp9Encoder(file, ctx);
    }
}
