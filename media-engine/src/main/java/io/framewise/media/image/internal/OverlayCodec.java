package io.framewise.media.image.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_WEBP;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_plane;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.image.OverlayImages;
import io.framewise.media.image.RgbaImage;
import java.io.ByteArrayOutputStream;
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
 * Decodes one still picture (WebP, PNG) from memory with FFmpeg's decoder, converts it to RGBA with
 * swscale (alpha kept: a WebP drawing is a transparent canvas) and encodes that as PNG with FFmpeg's
 * {@code png} encoder.
 */
public final class OverlayCodec {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private OverlayCodec() {}

    public static RgbaImage decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > OverlayImages.MAX_BYTES) {
            throw new MediaException.Unsupported(null, "an overlay image of " + bytes.length + " bytes is too large");
        }
        int codecId = codecOf(bytes);
        Ffmpeg.init();
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null || codec.isNull()) {
            throw new MediaException.Unsupported(null, "this FFmpeg build cannot decode the overlay image");
        }
        AVCodecContext ctx = null;
        AVPacket pkt = null;
        AVFrame frame = null;
        try {
            ctx = avcodec_alloc_context3(codec);
            pkt = av_packet_alloc();
            frame = av_frame_alloc();
            if (ctx == null || pkt == null || frame == null) {
                throw new OutOfMemoryError("cannot allocate an image decoder");
            }
            ctx.max_pixels((long) OverlayImages.MAX_SIDE * OverlayImages.MAX_SIDE);
            corrupt(avcodec_open2(ctx, codec, (PointerPointer<?>) null), "avcodec_open2");
            corrupt(av_new_packet(pkt, bytes.length), "av_new_packet");
            pkt.data().put(bytes);
            corrupt(avcodec_send_packet(ctx, pkt), "avcodec_send_packet");
            av_packet_unref(pkt);
            // Draining: some decoders hand out the picture only once told no more input comes.
            avcodec_send_packet(ctx, null);
            corrupt(avcodec_receive_frame(ctx, frame), "avcodec_receive_frame");
            int w = frame.width();
            int h = frame.height();
            if (w <= 0 || h <= 0 || w > OverlayImages.MAX_SIDE || h > OverlayImages.MAX_SIDE) {
                throw new MediaException.Unsupported(null, "an overlay image of " + w + "x" + h + " is not supported");
            }
            byte[] rgba = toRgba(frame, w, h);
            return new RgbaImage(w, h, rgba, encodePng(w, h, rgba));
        } finally {
            av_frame_free(frame);
            av_packet_free(pkt);
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
        }
    }

    private static int codecOf(byte[] b) {
        if (b.length >= 12
                && b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'E'
                && b[10] == 'B'
                && b[11] == 'P') {
            return AV_CODEC_ID_WEBP;
        }
        if (b.length >= PNG_SIGNATURE.length
                && java.util.Arrays.equals(b, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return AV_CODEC_ID_PNG;
        }
        throw new MediaException.Unsupported(null, "the overlay image is neither WebP nor PNG");
    }

    private static byte[] toRgba(AVFrame frame, int w, int h) {
        SwsContext sws = sws_getContext(
                w,
                h,
                frame.format(),
                w,
                h,
                AV_PIX_FMT_RGBA,
                SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT,
                (SwsFilter) null,
                (SwsFilter) null,
                (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new MediaException.Unsupported(null, "cannot convert the overlay image's pixel format");
        }
        int stride = w * 4;
        // swscale's SIMD writers may touch a few bytes past a row.
        try (BytePointer out = new BytePointer((long) stride * h + 64);
                PointerPointer<BytePointer> dst = new PointerPointer<>(out, null, null, null);
                IntPointer dstStride = new IntPointer(stride, 0, 0, 0)) {
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, dst, dstStride);
            byte[] rgba = new byte[stride * h];
            out.get(rgba);
            return rgba;
        } finally {
            sws_freeContext(sws);
        }
    }

    private static byte[] encodePng(int w, int h, byte[] rgba) {
        AVCodec codec = avcodec_find_encoder_by_name("png");
        if (codec == null || codec.isNull()) {
            throw new MediaException.Unsupported(null, "this FFmpeg build has no png encoder");
        }
        AVCodecContext ctx = null;
        AVFrame frame = null;
        AVPacket pkt = null;
        try {
            ctx = avcodec_alloc_context3(codec);
            frame = av_frame_alloc();
            pkt = av_packet_alloc();
            if (ctx == null || frame == null || pkt == null) {
                throw new OutOfMemoryError("cannot allocate a png encoder");
            }
            ctx.width(w).height(h).pix_fmt(AV_PIX_FMT_RGBA);
            ctx.time_base().num(1).den(25);
            written(avcodec_open2(ctx, codec, (PointerPointer<?>) null), "avcodec_open2");
            frame.format(AV_PIX_FMT_RGBA).width(w).height(h);
            written(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
            try (BytePointer src = new BytePointer(rgba)) {
                av_image_copy_plane(frame.data(0), frame.linesize(0), src, w * 4, w * 4, h);
            }
            written(avcodec_send_frame(ctx, frame), "avcodec_send_frame");
            written(avcodec_send_frame(ctx, null), "avcodec_send_frame");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                int ret = avcodec_receive_packet(ctx, pkt);
                if (Ffmpeg.isEof(ret)) {
                    break;
                }
                written(ret, "avcodec_receive_packet");
                byte[] chunk = new byte[pkt.size()];
                pkt.data().get(chunk);
                out.write(chunk, 0, chunk.length);
                av_packet_unref(pkt);
            }
            return out.toByteArray();
        } finally {
            av_packet_free(pkt);
            av_frame_free(frame);
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
        }
    }

    private static void corrupt(int code, String call) {
        if (code < 0) {
            throw new MediaException.Corrupt(
                    null, "the overlay image cannot be decoded", call, code, Ffmpeg.errorString(code));
        }
    }

    private static void written(int code, String call) {
        if (code < 0) {
            throw new MediaException.WriteFailed(
                    null, "encoding the overlay image as PNG failed", call, code, Ffmpeg.errorString(code));
        }
    }
}
