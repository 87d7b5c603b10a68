package io.framewise.media.still.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_plane;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_double;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The encoding behind {@link io.framewise.media.still.StillEncoder}: encodes {@link Picture}s as PNG, JPEG or WebP with FFmpeg's own encoders, in process: {@code png},
 * {@code mjpeg} (full-range BT.601 4:2:0, what JFIF viewers expect) and {@code libwebp}. Thread-safe:
 * every call has its own encoder.
 */
public final class StillCodec {

    /** JPEG stores sizes in 16 bits; WebP in 14. */
    private static final int JPEG_MAX_SIDE = 65_535;

    private static final int WEBP_MAX_SIDE = 16_383;

    /** mjpeg's qscale range: 2 is the finest sensible step, 31 the coarsest. */
    private static final int QSCALE_BEST = 2;

    private static final int QSCALE_WORST = 31;

    private StillCodec() {}

    /**
     * {@code picture} in {@code format}. {@code quality} runs from 1 (smallest) to 100 (best) and is
     * ignored for PNG, which is lossless.
     */
    public static byte[] encode(Picture picture, StillFormat format, int quality) {
        Objects.requireNonNull(picture, "picture");
        return encode(
                new Image(picture.width(), picture.height(), picture.rgb(), "frame " + picture.index()),
                format,
                quality);
    }

    /**
     * A composed RGB image that is not a single frame (a sprite sheet, a still with drawings burnt in):
     * packed RGB24, rows of {@code width * 3} bytes.
     */
    public static byte[] encodeImage(int width, int height, byte[] rgb, StillFormat format, int quality) {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0 || (long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs "
                    + (long) width * height * 3 + " bytes, not " + rgb.length);
        }
        return encode(new Image(width, height, rgb, "a " + width + "x" + height + " image"), format, quality);
    }

    /** What is encoded, and how error messages name it. */
    private record Image(int width, int height, byte[] rgb, String what) {
        int stride() {
            return width * 3;
        }
    }

    /** FFmpeg's encoder for a format. */
    static String encoderName(StillFormat format) {
        return switch (format) {
            case PNG -> "png";
            case JPEG -> "mjpeg";
            case WEBP -> "libwebp";
        };
    }

    private static byte[] encode(Image picture, StillFormat format, int quality) {
        Objects.requireNonNull(format, "format");
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1 to 100: " + quality);
        }
        int maxSide = format == StillFormat.WEBP ? WEBP_MAX_SIDE : JPEG_MAX_SIDE;
        if (picture.width() > maxSide || picture.height() > maxSide) {
            throw new IllegalArgumentException(format + " pictures cannot exceed " + maxSide + " pixels a side: "
                    + picture.width() + "x" + picture.height());
        }
        Ffmpeg.init();
        AVCodec codec = avcodec_find_encoder_by_name(encoderName(format));
        if (codec == null || codec.isNull()) {
            throw new MediaException.Unsupported(
                    null,
                    "this FFmpeg build has no " + encoderName(format) + " encoder",
                    "avcodec_find_encoder_by_name",
                    0,
                    null);
        }
        AVCodecContext ctx = null;
        AVFrame frame = null;
        AVPacket pkt = null;
        try {
            ctx = avcodec_alloc_context3(codec);
            frame = av_frame_alloc();
            pkt = av_packet_alloc();
            if (ctx == null || frame == null || pkt == null) {
                throw new OutOfMemoryError("cannot allocate an encoder for a " + format + " still");
            }
            int pixelFormat = configure(ctx, format, quality, picture);
            check(avcodec_open2(ctx, codec, (PointerPointer<?>) null), "avcodec_open2", format, picture);
            frame.format(pixelFormat).width(picture.width()).height(picture.height());
            frame.pts(0);
            if (format == StillFormat.JPEG) {
                frame.quality(ctx.global_quality());
            }
            check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer", format, picture);
            fill(frame, picture, pixelFormat);
            check(avcodec_send_frame(ctx, frame), "avcodec_send_frame", format, picture);
            check(avcodec_send_frame(ctx, null), "avcodec_send_frame", format, picture);
            return drain(ctx, pkt, format, picture);
        } finally {
            av_packet_free(pkt);
            av_frame_free(frame);
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
        }
    }

    private static int configure(AVCodecContext ctx, StillFormat format, int quality, Image picture) {
        ctx.width(picture.width()).height(picture.height());
        ctx.time_base().num(1).den(25);
        switch (format) {
            case PNG -> {
                ctx.pix_fmt(AV_PIX_FMT_RGB24);
                return AV_PIX_FMT_RGB24;
            }
            case JPEG -> {
                ctx.pix_fmt(AV_PIX_FMT_YUVJ420P);
                ctx.color_range(AVCOL_RANGE_JPEG);
                int qscale = QSCALE_BEST + Math.round((100 - quality) * (QSCALE_WORST - QSCALE_BEST) / 99f);
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_QSCALE);
                ctx.global_quality(qscale * FF_QP2LAMBDA);
                return AV_PIX_FMT_YUVJ420P;
            }
            case WEBP -> {
                // libwebp takes native-endian ARGB ("RGB32") and does its own YUV conversion.
                int argb = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                        ? AV_PIX_FMT_BGRA
                        : org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ARGB;
                ctx.pix_fmt(argb);
                check(av_opt_set_double(ctx.priv_data(), "quality", quality, 0), "av_opt_set_double", format, picture);
                return argb;
            }
            default -> throw new IllegalStateException("unknown still format " + format);
        }
    }

    private static void fill(AVFrame frame, Image picture, int pixelFormat) {
        int w = picture.width();
        int h = picture.height();
        try (BytePointer src = new BytePointer(picture.rgb())) {
            if (pixelFormat == AV_PIX_FMT_RGB24) {
                av_image_copy_plane(frame.data(0), frame.linesize(0), src, picture.stride(), picture.stride(), h);
                return;
            }
            SwsContext sws = sws_getContext(
                    w,
                    h,
                    AV_PIX_FMT_RGB24,
                    w,
                    h,
                    pixelFormat,
                    SWS_BICUBIC | SWS_ACCURATE_RND,
                    (SwsFilter) null,
                    (SwsFilter) null,
                    (DoublePointer) null);
            if (sws == null || sws.isNull()) {
                throw new MediaException.WriteFailed(
                        null, "cannot convert a " + w + "x" + h + " picture for encoding", "sws_getContext", 0, null);
            }
            try (PointerPointer<BytePointer> srcData = new PointerPointer<>(src, null, null, null);
                    IntPointer srcStride = new IntPointer(picture.stride(), 0, 0, 0)) {
                sws_scale(sws, srcData, srcStride, 0, h, frame.data(), frame.linesize());
            } finally {
                sws_freeContext(sws);
            }
        }
    }

    private static byte[] drain(AVCodecContext ctx, AVPacket pkt, StillFormat format, Image picture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int ret = avcodec_receive_packet(ctx, pkt);
            if (Ffmpeg.isEof(ret)) {
                break;
            }
            check(ret, "avcodec_receive_packet", format, picture);
            try {
                byte[] bytes = new byte[pkt.size()];
                pkt.data().get(bytes);
                out.write(bytes, 0, bytes.length);
            } finally {
                av_packet_unref(pkt);
            }
        }
        if (out.size() == 0) {
            throw new MediaException.WriteFailed(
                    null, "the " + format + " encoder produced no data", "avcodec_receive_packet", 0, null);
        }
        return out.toByteArray();
    }

    private static void check(int code, String call, StillFormat format, Image picture) {
        if (code < 0) {
            throw new MediaException.WriteFailed(
                    null,
                    "encoding " + picture.what() + " (" + picture.width() + "x" + picture.height() + ") as " + format
                            + " failed",
                    call,
                    code,
                    Ffmpeg.errorString(code));
        }
    }
}
