package io.framewise.media.clip.template.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import io.framewise.media.ffmpeg.internal.Ffmpeg;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Pictures made in Java (RGB, RGBA bytes) as reference-counted FFmpeg frames, and back. */
final class Frames {

    private Frames() {}

    /** A new frame holding {@code data} (rows of width * bytesPerPixel bytes); free with av_frame_free. */
    static AVFrame of(int width, int height, int pixelFormat, int bytesPerPixel, byte[] data, Path file) {
        AVFrame frame = av_frame_alloc();
        try {
            frame.width(width);
            frame.height(height);
            frame.format(pixelFormat);
            Ffmpeg.checkWrite(av_frame_get_buffer(frame, 0), "av_frame_get_buffer", file);
            int row = width * bytesPerPixel;
            int stride = frame.linesize(0);
            for (int y = 0; y < height; y++) {
                frame.data(0).position((long) y * stride).put(data, y * row, row);
            }
            frame.data(0).position(0);
            return frame;
        } catch (RuntimeException e) {
            av_frame_free(frame);
            throw e;
        }
    }

    /** The packed RGB bytes of an RGB24 frame. */
    static byte[] rgb(AVFrame frame) {
        if (frame.format() != AV_PIX_FMT_RGB24) {
            throw new IllegalStateException("not an RGB24 frame: " + frame.format());
        }
        int w = frame.width();
        int h = frame.height();
        byte[] out = new byte[w * h * 3];
        int stride = frame.linesize(0);
        for (int y = 0; y < h; y++) {
            frame.data(0).position((long) y * stride).get(out, y * w * 3, w * 3);
        }
        frame.data(0).position(0);
        return out;
    }

    /** A frame of one colour ("#RRGGBB"), RGB24. */
    static AVFrame solid(int width, int height, String color, Path file) {
        int rgb = Integer.parseInt(color.substring(1), 16);
        byte[] data = new byte[width * height * 3];
        for (int i = 0; i < data.length; i += 3) {
            data[i] = (byte) (rgb >> 16);
            data[i + 1] = (byte) (rgb >> 8);
            data[i + 2] = (byte) rgb;
        }
        return of(width, height, AV_PIX_FMT_RGB24, 3, data, file);
    }
}
