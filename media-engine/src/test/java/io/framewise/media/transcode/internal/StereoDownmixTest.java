package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.framewise.media.ffmpeg.internal.Ffmpeg;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.junit.jupiter.api.Test;

class StereoDownmixTest {

    private static String panFor(int channels) {
        Ffmpeg.init();
        AVChannelLayout layout = new AVChannelLayout().zero();
        try {
            av_channel_layout_default(layout, channels);
            return StereoDownmix.panArguments(layout, channels);
        } finally {
            av_channel_layout_uninit(layout);
        }
    }

    @Test
    void speakerLayoutsAreMixedByTheResampler() {
        assertNull(panFor(1), "mono");
        assertNull(panFor(2), "stereo");
        assertNull(panFor(6), "5.1");
        assertNull(panFor(8), "7.1");
    }

    @Test
    void broadcastChannelsGoInPairs() {
        assertEquals(
                "stereo|c0=0.353553*c0+0.353553*c2+0.353553*c4+0.353553*c6+0.353553*c8+0.353553*c10+0.353553*c12"
                        + "+0.353553*c14|c1=0.353553*c1+0.353553*c3+0.353553*c5+0.353553*c7+0.353553*c9+0.353553*c11"
                        + "+0.353553*c13+0.353553*c15",
                panFor(16));
        assertEquals(
                "stereo|c0=0.577350*c0+0.577350*c2+0.577350*c4|c1=0.577350*c1+0.577350*c3+0.577350*c4",
                StereoDownmix.pairs(5));
    }
}
