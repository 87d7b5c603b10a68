package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT2020;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_ARIB_STD_B67;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

/** Colour tags of an encoded stream, as FFmpeg's enum values. */
public record ColorTags(int primaries, int transfer, int matrix, int range) {

    /** BT.709 limited range: what HD video is, and what players assume for it. */
    public static final ColorTags BT709 =
            new ColorTags(AVCOL_PRI_BT709, AVCOL_TRC_BT709, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG);

    /** Untagged limited range; players then assume BT.601 for SD. */
    public static final ColorTags UNTAGGED =
            new ColorTags(AVCOL_PRI_UNSPECIFIED, AVCOL_TRC_UNSPECIFIED, AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_MPEG);

    /** The tags a stream carries. */
    public static ColorTags of(AVCodecParameters par) {
        return new ColorTags(par.color_primaries(), par.color_trc(), par.color_space(), par.color_range());
    }

    /** Whether the picture matrix is stated (not "unspecified"). */
    public boolean hasMatrix() {
        return matrix != AVCOL_SPC_UNSPECIFIED;
    }

    /** Whether the stream is HDR (PQ or HLG transfer) or in BT.2020 primaries or matrix. */
    public boolean isWideGamutOrHdr() {
        return transfer == AVCOL_TRC_SMPTE2084
                || transfer == AVCOL_TRC_ARIB_STD_B67
                || primaries == AVCOL_PRI_BT2020
                || matrix == AVCOL_SPC_BT2020_NCL
                || matrix == AVCOL_SPC_BT2020_CL;
    }

    void applyTo(AVCodecContext ctx) {
        ctx.color_primaries(primaries);
        ctx.color_trc(transfer);
        ctx.colorspace(matrix);
        ctx.color_range(range);
    }
}
