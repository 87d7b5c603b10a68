package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.IntPointer;

/** The display rotation a stream asks for, and the filters that apply it to the pixels. */
public final class DisplayRotation {

    private static final int MATRIX_BYTES = 9 * 4;

    private DisplayRotation() {}

    /** Clockwise degrees (0, 90, 180, 270) to turn the stored picture to show it upright. */
    public static int clockwiseDegrees(AVStream stream) {
        AVCodecParameters par = stream.codecpar();
        if (par.nb_coded_side_data() <= 0 || par.coded_side_data() == null) {
            return 0;
        }
        AVPacketSideData sd =
                av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < MATRIX_BYTES || sd.data() == null) {
            return 0;
        }
        double counterClockwise = av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(counterClockwise)) {
            return 0;
        }
        long quarter = Math.round(-counterClockwise / 90.0);
        return (int) Math.floorMod(quarter * 90, 360);
    }

    /** Filters that turn the picture upright (transpose is a plain pixel shuffle, no resampling). */
    public static List<VideoFilterGraph.Step> uprightSteps(int clockwiseDegrees) {
        return switch (clockwiseDegrees) {
            case 90 -> List.of(VideoFilterGraph.Step.of("transpose", "dir", "clock"));
            case 180 -> List.of(VideoFilterGraph.Step.of("hflip"), VideoFilterGraph.Step.of("vflip"));
            case 270 -> List.of(VideoFilterGraph.Step.of("transpose", "dir", "cclock"));
            default -> List.of();
        };
    }
}
