package io.framewise.media.framemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The frame map holds what the file really has, up to a cap; past it, a clear refusal. */
class FrameCapTest {

    @Test
    void moreFramesThanTheCapFailWithTheReason() {
        Path file = TestMedia.get(Variant.H264_LONG_GOP);
        MediaException e = assertThrows(MediaException.Unsupported.class, () -> FrameMapBuilder.build(file, 100));
        assertTrue(e.getMessage().contains("more than 100 frames"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

        MediaException probed = assertThrows(MediaException.Unsupported.class, () -> MediaProbe.probe(file, 249));
        assertTrue(probed.getMessage().contains("more than 249 frames"), probed.getMessage());

        assertEquals(250, FrameMapBuilder.build(file, 250).frameCount(), "exactly the cap is fine");
        assertEquals(250, MediaProbe.probe(file, 250).video().orElseThrow().frameCount());
    }
}
