package io.framewise.media.framemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameMapBuilderTest {

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = "AUDIO_ONLY", mode = EnumSource.Mode.EXCLUDE)
    void countsEveryShownFrameExactly(Variant variant) {
        FrameMap map = FrameMapBuilder.build(TestMedia.get(variant));

        assertEquals(variant.frameCount(), map.frameCount(), variant + ": " + map);
        assertEquals(variant == Variant.VFR, map.isVariableFrameRate(), variant + " VFR flag");
        for (int i = 0; i < map.frameCount(); i++) {
            assertEquals(i, map.indexOfPts(map.pts(i)));
            assertEquals(i, map.frameAtPts(map.pts(i)));
        }
        if (variant != Variant.EDIT_LIST) {
            assertTrue(map.isKeyframe(0), variant + " starts on a keyframe");
        }
    }

    @Test
    void editListFramesBeforeTheEditAreNotFrames() {
        FrameMap map = FrameMapBuilder.build(TestMedia.get(Variant.EDIT_LIST));
        // Source keyframes every 50 frames; the edit starts at source frame 25.
        assertFalse(map.isKeyframe(0));
        assertEquals(-1, map.keyframeAtOrBefore(0));
        assertEquals(25, map.keyframeAfter(0));
    }

    @Test
    void startPtsIsKeptAsTheFileSaysAndSecondsCountFromFrameZero() {
        FrameMap map = FrameMapBuilder.build(TestMedia.get(Variant.START_PTS_10S));
        assertEquals(10.0, map.pts(0) * (double) map.timeBaseNum() / map.timeBaseDen(), 0.001);
        assertEquals(0.0, map.secondsOf(0));
        assertEquals(2.0, map.secondsOf(50), 0.001);
        assertEquals(50, map.frameAtSeconds(2.0));
        assertEquals(4.0, map.durationSeconds(), 0.001);
    }

    @Test
    void serialFormRoundTripsAndIsCompact() {
        FrameMap map = FrameMapBuilder.build(TestMedia.get(Variant.H264_LONG_GOP));
        byte[] bytes = map.toBytes();
        FrameMap back = FrameMap.fromBytes(bytes);
        assertArrayEquals(map.allPts(), back.allPts());
        assertEquals(map.keyframeCount(), back.keyframeCount());
        assertEquals(map.endPts(), back.endPts());
        assertEquals(map.frameRate(), back.frameRate());
        assertTrue(bytes.length < 100 + map.frameCount() * 2, "bytes: " + bytes.length);
    }

    @Test
    void serialFormRejectsGarbage() {
        byte[] bytes = FrameMapBuilder.build(TestMedia.get(Variant.MPEG_TS)).toBytes();
        assertThrows(IllegalArgumentException.class, () -> FrameMap.fromBytes(new byte[] {1, 2, 3, 4, 5}));
        assertThrows(
                IllegalArgumentException.class,
                () -> FrameMap.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length / 2)));
    }

    @Test
    void audioOnlyHasNoFrameMap() {
        assertThrows(MediaException.Unsupported.class, () -> FrameMapBuilder.build(TestMedia.get(Variant.AUDIO_ONLY)));
    }

    @Test
    void everyVariantIsGenerated() {
        for (Variant v : EnumSet.allOf(Variant.class)) {
            assertTrue(java.nio.file.Files.isRegularFile(TestMedia.get(v)), v.toString());
        }
    }
}
