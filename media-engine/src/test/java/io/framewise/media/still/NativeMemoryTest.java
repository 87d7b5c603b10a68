package io.framewise.media.still;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** Opening, reading and closing a reader a thousand times leaves native memory where it was. */
class NativeMemoryTest {

    private static final long MB = 1 << 20;

    @Test
    void aThousandOpenReadCloseCyclesDoNotGrowNativeMemory() {
        Path file = TestMedia.get(Variant.START_PTS_10S);
        FrameMap map = FrameMapBuilder.build(file);
        cycles(file, map, 100);
        long[] samples = new long[9];
        for (int k = 0; k < samples.length; k++) {
            cycles(file, map, 100);
            samples[k] = settledResidentBytes();
        }
        long early = median(samples[0], samples[1], samples[2]);
        long late = median(samples[6], samples[7], samples[8]);
        String report = "resident MB every 100 cycles after 100 of warm-up: "
                + Arrays.toString(Arrays.stream(samples).map(b -> b / MB).toArray());
        // A leaked 320x240 frame, decoder or demuxer per cycle would add 20 MB to 70 MB over these 600 cycles.
        assertTrue(late - early < 20 * MB, report);
    }

    private static void cycles(Path file, FrameMap map, int count) {
        for (int c = 0; c < count; c++) {
            try (FrameReader reader = FrameReader.open(file, map)) {
                long index = (c * 37) % map.frameCount();
                Picture p = reader.read(index, c % 2 == 0 ? 160 : 320);
                if (c % 50 == 0) {
                    assertEquals(index, FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride()));
                }
            }
        }
    }

    /**
     * Resident memory once unreachable JavaCPP pointers are collected and the C allocator has handed
     * freed pages back: without the trim, pages freed by decoder threads linger for a while and make
     * single samples jump by tens of megabytes.
     */
    private static long settledResidentBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Pointer.trimMemory();
        return Pointer.physicalBytes();
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
