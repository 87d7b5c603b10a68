package io.framewise.media.probe.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_range_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.model.media.ColorInfo;
import io.framewise.model.media.VideoStreamInfo;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

/**
 * Describes the primary video stream. Frame count, frame rate and the VFR flag come from the {@link
 * FrameMap}, the one frame truth; everything else from the stream's codec parameters.
 */
final class VideoStreamProbe {

    /** A display matrix is 3x3 32-bit fixed-point numbers. */
    private static final int DISPLAY_MATRIX_BYTES = 9 * 4;

    private static final String UNKNOWN = "unknown";

    private VideoStreamProbe() {}

    static VideoStreamInfo describe(
            MediaInput input, int index, FrameMap map, Optional<String> timestampRepair, boolean imageDemuxer) {
        AVStream stream = input.stream(index);
        AVCodecParameters par = stream.codecpar();
        String codec = NativeText.orElse(avcodec_get_name(par.codec_id()), UNKNOWN);
        int width = Math.max(0, par.width());
        int height = Math.max(0, par.height());
        int[] sar = sampleAspectRatio(input, stream);
        int rotation = rotation(par);
        // Non-square pixels widen or narrow the picture; a quarter turn then swaps the sides.
        int shownWidth = sar[0] == sar[1] ? width : (int) Math.round((double) width * sar[0] / sar[1]);
        boolean quarterTurn = rotation == 90 || rotation == 270;
        int pixelFormat = par.format();
        long frameCount = map.frameCount();
        return new VideoStreamInfo(
                index,
                codec,
                NativeText.of(avcodec_profile_name(par.codec_id(), par.profile())),
                width,
                height,
                quarterTurn ? height : shownWidth,
                quarterTurn ? shownWidth : height,
                sar[0] + ":" + sar[1],
                rotation,
                NativeText.orElse(av_get_pix_fmt_name(pixelFormat), UNKNOWN),
                bitDepth(pixelFormat),
                color(par),
                map.frameRate(),
                frameCount,
                map.isVariableFrameRate(),
                bitRate(stream),
                frameCount == 1 && (imageDemuxer || ContainerNames.isImageCodec(codec)),
                timestampRepair,
                fieldOrder(par.field_order()),
                Math.max(1, input.videoStreamCount()));
    }

    /**
     * Clockwise degrees (0, 90, 180, 270) that turn the stored picture upright. FFmpeg's {@code
     * av_display_rotation_get} answers the counter-clockwise angle the matrix turns by, so a phone clip
     * whose matrix says -90 needs a 90 degree clockwise turn.
     */
    static int rotation(AVCodecParameters par) {
        int count = par.nb_coded_side_data();
        if (count <= 0 || par.coded_side_data() == null || par.coded_side_data().isNull()) {
            return 0;
        }
        AVPacketSideData side = av_packet_side_data_get(par.coded_side_data(), count, AV_PKT_DATA_DISPLAYMATRIX);
        if (side == null || side.isNull() || side.size() < DISPLAY_MATRIX_BYTES || side.data() == null) {
            return 0;
        }
        double counterClockwise = av_display_rotation_get(new IntPointer(side.data()));
        if (Double.isNaN(counterClockwise) || Double.isInfinite(counterClockwise)) {
            return 0;
        }
        long quarters = Math.round(-counterClockwise / 90.0);
        return (int) Math.floorMod(quarters * 90, 360L);
    }

    /** FFmpeg's short name of a field order, as ffprobe prints it. */
    static String fieldOrder(int order) {
        return switch (order) {
            case AV_FIELD_PROGRESSIVE -> "progressive";
            case AV_FIELD_TT -> "tt";
            case AV_FIELD_BB -> "bb";
            case AV_FIELD_TB -> "tb";
            case AV_FIELD_BT -> "bt";
            default -> UNKNOWN;
        };
    }

    /** The reduced sample aspect ratio {num, den}; square when the file does not say. */
    private static int[] sampleAspectRatio(MediaInput input, AVStream stream) {
        AVRational sar = av_guess_sample_aspect_ratio(input.context(), stream, null);
        int num = sar == null ? 0 : sar.num();
        int den = sar == null ? 0 : sar.den();
        if (num <= 0 || den <= 0) {
            return new int[] {1, 1};
        }
        int g = gcd(num, den);
        return new int[] {num / g, den / g};
    }

    private static int bitDepth(int pixelFormat) {
        if (pixelFormat < 0) {
            return 0;
        }
        AVPixFmtDescriptor desc = av_pix_fmt_desc_get(pixelFormat);
        if (desc == null || desc.isNull() || desc.nb_components() < 1) {
            return 0;
        }
        return desc.comp(0).depth();
    }

    private static ColorInfo color(AVCodecParameters par) {
        return new ColorInfo(
                NativeText.orElse(av_color_primaries_name(par.color_primaries()), UNKNOWN),
                NativeText.orElse(av_color_transfer_name(par.color_trc()), UNKNOWN),
                NativeText.orElse(av_color_space_name(par.color_space()), UNKNOWN),
                NativeText.orElse(av_color_range_name(par.color_range()), UNKNOWN));
    }

    /** The stream's declared bit rate, or Matroska's "BPS" statistics tag, or 0 when neither says. */
    static long bitRate(AVStream stream) {
        long declared = stream.codecpar().bit_rate();
        return declared > 0 ? declared : NativeText.longTag(stream.metadata(), "BPS");
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
