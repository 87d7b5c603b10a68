package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_NATIVE;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_BACK_CENTER;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_BACK_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_BACK_RIGHT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_FRONT_CENTER;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_FRONT_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_FRONT_LEFT_OF_CENTER;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_FRONT_RIGHT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_FRONT_RIGHT_OF_CENTER;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_LOW_FREQUENCY;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_SIDE_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_SIDE_RIGHT;

import java.util.Locale;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;

/**
 * How a proxy's stereo track is mixed from the source's channels. Reviewers listen on headphones or
 * laptop speakers, and a sound they cannot hear in the proxy is a note they cannot write, so every
 * source channel reaches the stereo mix:
 *
 * <ul>
 *   <li>Surround layouts built from the usual speakers (mono, stereo, 3.0 to 7.1: front, centre,
 *       side, back, LFE) use the ITU-R BS.775 downmix as libswresample builds it: centre and
 *       surrounds at -3 dB into their side, with the LFE added at -6 dB (BS.775 drops it; a rumble
 *       only the LFE carries would then be silent in review). The matrix is normalised so the sum
 *       cannot clip.
 *   <li>Anything else (16-channel broadcast files, layouts with height or wide channels, channels in
 *       an unknown order) is taken as discrete pairs, the common broadcast track allocation: odd
 *       channels to the left, even channels to the right, each at 1/sqrt(pairs) so one loud pair
 *       stays near full level and all pairs together stay near the loudness of one.
 * </ul>
 */
final class StereoDownmix {

    /** Speakers libswresample's standard matrix places; any other channel would be dropped by it. */
    static final long STANDARD_SPEAKERS = AV_CH_FRONT_LEFT
            | AV_CH_FRONT_RIGHT
            | AV_CH_FRONT_CENTER
            | AV_CH_LOW_FREQUENCY
            | AV_CH_BACK_LEFT
            | AV_CH_BACK_RIGHT
            | AV_CH_FRONT_LEFT_OF_CENTER
            | AV_CH_FRONT_RIGHT_OF_CENTER
            | AV_CH_BACK_CENTER
            | AV_CH_SIDE_LEFT
            | AV_CH_SIDE_RIGHT;

    /** -3 dB for centre and surrounds, as BS.775. */
    static final String CENTRE_AND_SURROUND_LEVEL = "0.707107";

    /** -6 dB for the LFE. */
    static final String LFE_LEVEL = "0.5";

    private StereoDownmix() {}

    /**
     * The {@code pan} filter arguments mixing {@code channels} discrete channels as pairs, or null when
     * the layout is a standard speaker layout that the resampler mixes itself.
     */
    static String panArguments(AVChannelLayout layout, int channels) {
        boolean standard = layout.order() == AV_CHANNEL_ORDER_NATIVE
                && channels <= 8
                && (layout.u_mask() & ~STANDARD_SPEAKERS) == 0;
        if (standard || channels <= 2) {
            return null;
        }
        return pairs(channels);
    }

    /** "stereo|c0=g*c0+g*c2+...|c1=g*c1+g*c3+..." for {@code channels} inputs (an odd last one goes to both sides). */
    static String pairs(int channels) {
        int pairs = (channels + 1) / 2;
        String gain = String.format(Locale.ROOT, "%.6f", 1.0 / Math.sqrt(pairs));
        StringBuilder left = new StringBuilder("c0=");
        StringBuilder right = new StringBuilder("c1=");
        for (int c = 0; c < channels; c++) {
            boolean lastOdd = c == channels - 1 && channels % 2 == 1;
            if (c % 2 == 0 || lastOdd) {
                append(left, gain, c);
            }
            if (c % 2 == 1 || lastOdd) {
                append(right, gain, c);
            }
        }
        return "stereo|" + left + "|" + right;
    }

    private static void append(StringBuilder side, String gain, int channel) {
        if (side.charAt(side.length() - 1) != '=') {
            side.append('+');
        }
        side.append(gain).append("*c").append(channel);
    }
}
