package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_FCC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;

/** Names of YUV matrices as the scale filter's {@code in_color_matrix}/{@code out_color_matrix} take them. */
final class ColorMatrix {

    private ColorMatrix() {}

    /**
     * The scale filter's name for a stream's matrix. An untagged stream is taken as players take it:
     * BT.709 for HD pictures, BT.601 for SD.
     */
    static String filterName(int colorSpace, boolean hd) {
        if (colorSpace == AVCOL_SPC_BT709) {
            return "bt709";
        }
        if (colorSpace == AVCOL_SPC_BT470BG) {
            return "bt470";
        }
        if (colorSpace == AVCOL_SPC_SMPTE170M) {
            return "smpte170m";
        }
        if (colorSpace == AVCOL_SPC_FCC) {
            return "fcc";
        }
        if (colorSpace == AVCOL_SPC_SMPTE240M) {
            return "smpte240m";
        }
        if (colorSpace == AVCOL_SPC_BT2020_NCL || colorSpace == AVCOL_SPC_BT2020_CL) {
            return "bt2020";
        }
        return hd ? "bt709" : "bt601";
    }
}
