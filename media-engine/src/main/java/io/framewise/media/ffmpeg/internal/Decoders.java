package io.framewise.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;

import io.framewise.media.MediaException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.PointerPointer;

/** Opens decoders for streams of a {@link MediaInput}, with errors that name the native call. */
public final class Decoders {

    private Decoders() {}

    /**
     * An opened decoder for stream {@code streamIndex}. {@code threads} of 0 lets FFmpeg choose. The
     * caller frees it with {@link #free(AVCodecContext)}.
     */
    public static AVCodecContext open(MediaInput input, int streamIndex, int threads) {
        AVStream stream = input.stream(streamIndex);
        int codecId = stream.codecpar().codec_id();
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null) {
            throw new MediaException.Unsupported(
                    input.file(),
                    "no decoder for codec " + avcodec.avcodec_get_name(codecId).getString(),
                    "avcodec_find_decoder",
                    0,
                    null);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        try {
            Ffmpeg.check(
                    avcodec_parameters_to_context(ctx, stream.codecpar()),
                    "avcodec_parameters_to_context",
                    input.file());
            ctx.pkt_timebase(stream.time_base());
            ctx.thread_count(threads);
            Ffmpeg.check(avcodec_open2(ctx, codec, (PointerPointer<?>) null), "avcodec_open2", input.file());
            return ctx;
        } catch (RuntimeException e) {
            free(ctx);
            throw e;
        }
    }

    public static void free(AVCodecContext ctx) {
        if (ctx != null && !ctx.isNull()) {
            avcodec_free_context(ctx);
        }
    }
}
