package io.framewise.media.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.testing.FrameCode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;

/**
 * Every frame of a file's video, decoded in process: the frame code drawn in each picture (-1 when the
 * picture carries none), its timestamp, the picture size, how many packets the decoder refused, and
 * optionally the RGB pictures themselves.
 */
public record DecodedVideo(
        List<Integer> codes, List<Long> pts, int width, int height, int errors, List<BufferedImage> images) {

    public int frameCount() {
        return codes.size();
    }

    public static DecodedVideo decode(Path file) {
        return decode(file, false);
    }

    public static DecodedVideo decode(Path file, boolean keepImages) {
        List<Integer> codes = new ArrayList<>();
        List<Long> pts = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        int errors = 0;
        try (MediaInput input = MediaInput.open(file)) {
            int index = input.requireVideoStream();
            AVCodecContext dec = Decoders.open(input, index, 0);
            AVPacket pkt = av_packet_alloc();
            AVFrame frame = av_frame_alloc();
            AVFrame rgb = av_frame_alloc();
            SwsContext sws = null;
            int width = 0;
            int height = 0;
            try {
                boolean eof = false;
                while (true) {
                    if (!eof) {
                        int ret = av_read_frame(input.context(), pkt);
                        if (ret < 0) {
                            eof = true;
                            avcodec_send_packet(dec, null);
                        } else {
                            if (pkt.stream_index() == index && avcodec_send_packet(dec, pkt) < 0) {
                                errors++;
                            }
                            av_packet_unref(pkt);
                        }
                    }
                    int r;
                    while ((r = avcodec_receive_frame(dec, frame)) >= 0) {
                        width = frame.width();
                        height = frame.height();
                        if (rgb.width() != width || rgb.height() != height) {
                            av_frame_unref(rgb);
                            rgb.format(AV_PIX_FMT_RGB24).width(width).height(height);
                            Ffmpeg.check(av_frame_get_buffer(rgb, 0), "av_frame_get_buffer", file);
                        }
                        sws = sws_getCachedContext(
                                sws,
                                width,
                                height,
                                frame.format(),
                                width,
                                height,
                                AV_PIX_FMT_RGB24,
                                SWS_AREA,
                                null,
                                null,
                                (org.bytedeco.javacpp.DoublePointer) null);
                        sws_scale(sws, frame.data(), frame.linesize(), 0, height, rgb.data(), rgb.linesize());
                        int stride = rgb.linesize(0);
                        byte[] bytes = new byte[stride * height];
                        rgb.data(0).get(bytes);
                        BufferedImage image = toImage(bytes, width, height, stride);
                        codes.add(readCode(image));
                        pts.add(frame.best_effort_timestamp());
                        if (keepImages) {
                            images.add(image);
                        }
                        av_frame_unref(frame);
                    }
                    if (eof && Ffmpeg.isEof(r)) {
                        break;
                    }
                }
            } finally {
                sws_freeContext(sws);
                av_frame_free(rgb);
                av_frame_free(frame);
                av_packet_free(pkt);
                Decoders.free(dec);
            }
            return new DecodedVideo(codes, pts, width, height, errors, images);
        }
    }

    private static int readCode(BufferedImage image) {
        try {
            return FrameCode.read(image);
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    static BufferedImage toImage(byte[] rgb, int width, int height, int stride) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = y * stride + x * 3;
                image.setRGB(x, y, (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff));
            }
        }
        return image;
    }
}
