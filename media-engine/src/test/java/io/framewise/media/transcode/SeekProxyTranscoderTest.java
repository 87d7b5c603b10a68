package io.framewise.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeekProxyTranscoderTest {

    @TempDir
    Path dir;

    /**
     * Frame N of the seek proxy, read on its own in a random order as a jump would, shows the
     * original's frame N: long GOPs with B-frames, variable rate, an edit list, open GOPs, a late
     * first timestamp, MPEG-TS, rotation and an intra-only 10-bit original.
     */
    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {
                "H264_LONG_GOP",
                "VFR",
                "EDIT_LIST",
                "HEVC_OPEN_GOP",
                "START_PTS_10S",
                "MPEG_TS",
                "ROTATED_PHONE",
                "PRORES_23976",
                "H264_2997_DF"
            })
    void everyFrameOfTheSeekProxyShowsTheOriginalsFrame(Variant variant) {
        Path source = TestMedia.get(variant);
        FrameMap map = FrameMapBuilder.build(source);
        Path output = dir.resolve(variant.name().toLowerCase() + "-seek.mp4");

        SeekProxyTranscoder.Result result =
                new SeekProxyTranscoder().transcode(source, map, output, p -> {}, new Cancellation());

        assertEquals(variant.frameCount(), result.frameMap().frameCount());
        assertEquals(result.frameMap().frameCount(), result.frameMap().keyframeCount(), "every frame a keyframe");
        assertTrue(result.width() <= SeekProxyTranscoder.MAX_SIZE && result.height() <= SeekProxyTranscoder.MAX_SIZE);
        assertEquals(0, result.width() % 2);
        List<Long> order = new ArrayList<>();
        for (long i = 0; i < variant.frameCount(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(16));
        try (FrameReader reader = FrameReader.open(output, result.frameMap())) {
            for (long n : order) {
                Picture p = reader.read(n);
                int code = FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride());
                assertEquals(variant.expectedCode(n), code, variant + " seek proxy frame " + n);
            }
        }
    }

    @Test
    void aSmallIntraOnlyOriginalNeedsNoSeekProxy() {
        FrameMap longGop = FrameMapBuilder.build(TestMedia.get(Variant.H264_LONG_GOP));
        FrameMap intra = FrameMapBuilder.build(TestMedia.get(Variant.PRORES_23976));
        FrameMap still = FrameMapBuilder.build(TestMedia.get(Variant.STILL_PNG));

        assertTrue(SeekProxyTranscoder.worthMaking(longGop, 640, 360));
        assertFalse(SeekProxyTranscoder.worthMaking(intra, 640, 360), "every frame decodes alone already");
        assertTrue(SeekProxyTranscoder.worthMaking(intra, 1920, 1080), "a large picture still decodes slowly");
        assertFalse(SeekProxyTranscoder.worthMaking(still, 320, 240), "one frame: nothing to jump to");
    }
}
