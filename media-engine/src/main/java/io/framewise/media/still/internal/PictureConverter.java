package io.framewise.media.still.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_HWACCEL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import io.framewise.media.MediaException;
import io.framewise.media.still.Picture;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Turns decoded frames of any pixel format into upright, square-pixel {@link Picture}s with swscale.
 * The stream's colour matrix and range are honoured, so BT.709 material keeps its colours. At full
 * size the conversion uses the same bicubic scaler the ffmpeg command line uses, so its pixels are
 * byte-identical to {@code ffmpeg -vf format=rgb24}. Owns one scaler context and one output buffer,
 * reused while the sizes stay the same. Not thread-safe.
 */
final class PictureConverter implements AutoCloseable {

    /** The largest picture side a caller may ask for; keeps a typo from allocating gigabytes. */
    static final int MAX_SIDE = 16384;

    /** The smallest width a scaled picture gets. */
    static final int MIN_WIDTH = 16;

    /** swscale's SIMD writers may touch a few bytes past a row; the native buffer carries slack. */
    private static final int BUFFER_SLACK = 64;

    /** Stored pictures taller than standard definition without a colour tag are BT.709, as players show them. */
    private static final int SD_MAX_HEIGHT = 576;

    private static final int HD_MIN_WIDTH = 1280;

    private final Path file;
    private final Orientation orientation;
    private final int sarNum;
    private final int sarDen;
    private SwsContext sws;
    private String swsKey = "";
    private BytePointer buffer;
    private long bufferSize;
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
    private final IntPointer dstLinesize = new IntPointer(4);

    /**
     * @param sarNum the container's sample aspect ratio numerator, 0 when it does not say
     * @param sarDen its denominator
     */
    PictureConverter(Path file, Orientation orientation, int sarNum, int sarDen) {
        this.file = file;
        this.orientation = orientation;
        this.sarNum = sarNum;
        this.sarDen = sarDen;
    }

    /** The upright, square-pixel size of a stored {@code frame}: what a full-size read returns. */
    int[] shownSize(AVFrame frame) {
        int w = squarePixelWidth(frame);
        int h = frame.height();
        return new int[] {orientation.shownWidth(w, h), orientation.shownHeight(w, h)};
    }

    /**
     * Converts {@code frame} to a picture {@code width} pixels wide (0 for its full shown size), its
     * height following the shown aspect ratio and rounded to an even number. A width at or beyond the
     * shown width gives the full shown size: pictures are never enlarged, so a caller cannot make a
     * small source cost the memory of a large one.
     */
    Picture convert(AVFrame frame, long index, int width) {
        validate(frame);
        int[] shown = shownSize(frame);
        int outW;
        int outH;
        int asked = width == 0 ? shown[0] : Math.max(MIN_WIDTH, width);
        if (asked >= shown[0]) {
            outW = shown[0];
            outH = shown[1];
        } else {
            outW = asked;
            outH = Math.max(2, (int) Math.round((double) outW * shown[1] / shown[0] / 2.0) * 2);
        }
        if (outW > MAX_SIDE || outH > MAX_SIDE) {
            throw new IllegalArgumentException(
                    "a " + outW + "x" + outH + " picture is larger than the " + MAX_SIDE + " pixel limit");
        }
        // Scale in stored orientation, then turn the packed result.
        int scaleW = orientation.transpose() ? outH : outW;
        int scaleH = orientation.transpose() ? outW : outH;
        byte[] rgb = scale(frame, scaleW, scaleH);
        return new Picture(outW, outH, orientation.apply(rgb, scaleW, scaleH), index);
    }

    private void validate(AVFrame frame) {
        int format = frame.format();
        AVPixFmtDescriptor desc = format < 0 ? null : av_pix_fmt_desc_get(format);
        if (desc == null
                || frame.width() <= 0
                || frame.height() <= 0
                || frame.data(0) == null
                || frame.data(0).isNull()) {
            throw new MediaException.Corrupt(
                    file, "the decoder returned an empty picture (" + frame.width() + "x" + frame.height() + ")");
        }
        if ((desc.flags() & AV_PIX_FMT_FLAG_HWACCEL) != 0) {
            throw new MediaException.Unsupported(file, "hardware frames cannot be converted to a still");
        }
    }

    private int squarePixelWidth(AVFrame frame) {
        // The container's aspect ratio wins over the bitstream's, as av_guess_sample_aspect_ratio decides.
        int num = sarNum;
        int den = sarDen;
        if (num <= 0 || den <= 0) {
            AVRational sar = frame.sample_aspect_ratio();
            num = sar.num();
            den = sar.den();
        }
        if (num <= 0 || den <= 0 || num == den) {
            return frame.width();
        }
        long w = Math.round((double) frame.width() * num / den);
        return (int) Math.max(1, Math.min(MAX_SIDE, w));
    }

    private byte[] scale(AVFrame frame, int w, int h) {
        int srcW = frame.width();
        int srcH = frame.height();
        int format = frame.format();
        // Same size: bicubic, as the command line converts. Shrinking: area averaging, which does not alias.
        int flags = w < srcW || h < srcH ? SWS_AREA : SWS_BICUBIC;
        sws = sws_getCachedContext(
                sws,
                srcW,
                srcH,
                format,
                w,
                h,
                AV_PIX_FMT_RGB24,
                flags,
                (SwsFilter) null,
                (SwsFilter) null,
                (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            sws = null;
            swsKey = "";
            throw new MediaException.Unsupported(
                    file,
                    "cannot convert " + pixelFormatName(format) + " " + srcW + "x" + srcH + " to RGB " + w + "x" + h,
                    "sws_getCachedContext",
                    0,
                    null);
        }
        applyColourDetails(frame, srcW, srcH, format, w, h, flags);
        int stride = w * 3;
        long size = (long) stride * h;
        ensureBuffer(size + BUFFER_SLACK);
        dstData.put(0, buffer);
        dstLinesize.put(0, stride);
        int rows = sws_scale(sws, frame.data(), frame.linesize(), 0, srcH, dstData, dstLinesize);
        if (rows != h) {
            throw new MediaException.Corrupt(
                    file, "converting the picture to RGB failed", "sws_scale", rows < 0 ? rows : 0, null);
        }
        byte[] out = new byte[(int) size];
        buffer.position(0).get(out);
        return out;
    }

    private void applyColourDetails(AVFrame frame, int srcW, int srcH, int format, int w, int h, int flags) {
        AVPixFmtDescriptor desc = av_pix_fmt_desc_get(format);
        boolean yuv = (desc.flags() & AV_PIX_FMT_FLAG_RGB) == 0 && desc.nb_components() >= 3;
        int matrix = colourMatrix(frame.colorspace(), srcW, srcH);
        boolean fullRange = frame.color_range() == AVCOL_RANGE_JPEG
                || pixelFormatName(format).startsWith("yuvj");
        String key = srcW + "x" + srcH + ":" + format + ">" + w + "x" + h + ":" + flags + ":" + matrix + ":" + fullRange
                + "@" + sws.address();
        if (!yuv || key.equals(swsKey)) {
            swsKey = key;
            return;
        }
        IntPointer coefficients = sws_getCoefficients(matrix);
        int ret = sws_setColorspaceDetails(sws, coefficients, fullRange ? 1 : 0, coefficients, 1, 0, 1 << 16, 1 << 16);
        if (ret < 0) {
            throw new MediaException.Unsupported(
                    file,
                    "cannot set the colour matrix for " + pixelFormatName(format),
                    "sws_setColorspaceDetails",
                    ret,
                    null);
        }
        swsKey = key;
    }

    /**
     * The YUV matrix to decode with: the stream's own tag; untagged HD is BT.709 (what players and
     * browsers assume), untagged SD keeps swscale's BT.601 default, as the ffmpeg command line does.
     */
    static int colourMatrix(int colorspace, int width, int height) {
        if (colorspace != AVCOL_SPC_UNSPECIFIED && colorspace > 0) {
            return colorspace;
        }
        return width >= HD_MIN_WIDTH || height > SD_MAX_HEIGHT ? AVCOL_SPC_BT709 : AVCOL_SPC_UNSPECIFIED;
    }

    private void ensureBuffer(long size) {
        if (buffer == null || bufferSize < size) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new BytePointer(size);
            bufferSize = size;
        }
    }

    private static String pixelFormatName(int format) {
        BytePointer name = avutil.av_get_pix_fmt_name(format);
        return name == null || name.isNull() ? "pixel format " + format : name.getString();
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
        dstData.close();
        dstLinesize.close();
    }
}
