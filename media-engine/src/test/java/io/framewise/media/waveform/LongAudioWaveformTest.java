package io.framewise.media.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-hour programme gets its waveform by streaming: the samples pass through and only the peaks
 * stay. The file is 8 kHz mono FLAC (86 million samples, 345 MB as floats), made quickly as eighteen
 * copies of a ten-minute piece that is silent but for a one-second beep at its start.
 */
class LongAudioWaveformTest {

    private static final int PIECE_SECONDS = 600;
    private static final int PIECES = 18;
    private static final int PEAKS_PER_SECOND = 10;

    @TempDir
    Path dir;

    @Test
    void threeHoursOfAudioGiveEveryPeakWithoutHoldingTheSamples() throws IOException {
        Path piece = dir.resolve("piece.flac");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "aevalsrc=exprs='if(lt(t\\,1)\\,0.5*sin(2*PI*440*t)\\,0)':sample_rate=8000:duration="
                                + PIECE_SECONDS),
                "-ac",
                "1",
                "-c:a",
                "flac",
                "-f",
                "flac",
                piece.toString());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PIECES; i++) {
            lines.add("file '" + piece + "'");
        }
        Path list = Files.write(dir.resolve("pieces.txt"), lines);
        Path programme = dir.resolve("programme.mka");
        TestMedia.run(
                List.of("-f", "concat", "-safe", "0", "-i", list.toString()),
                "-c",
                "copy",
                "-f",
                "matroska",
                programme.toString());

        MemoryPoolMXBean old = oldGeneration();
        System.gc();
        long before = old.getUsage().getUsed();
        old.resetPeakUsage();
        WaveformPeaks peaks = Waveform.compute(programme, PEAKS_PER_SECOND);
        long grown = old.getPeakUsage().getUsed() - before;

        int seconds = PIECE_SECONDS * PIECES;
        assertEquals(8000, peaks.sampleRate());
        assertEquals(seconds * PEAKS_PER_SECOND, peaks.length(), "a peak for every tenth of a second of 3 hours");
        for (int n = 0; n < PIECES; n++) {
            int beep = n * PIECE_SECONDS * PEAKS_PER_SECOND;
            assertTrue(peaks.maxNormalised(beep + 5) > 0.4f, "the beep at " + n * 10 + " minutes");
            assertTrue(peaks.maxNormalised(beep + 20) < 0.01f, "silence after the beep at " + n * 10 + " minutes");
        }
        // Holding the decoded samples would take 345 MB; the peaks are 216 KB.
        assertTrue(grown < 64L << 20, "the long-lived heap grew by " + (grown >> 20) + " MB");
    }

    /** The heap pool long-lived and huge objects end up in (G1 Old Gen, Tenured Gen, ...). */
    private static MemoryPoolMXBean oldGeneration() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Old") || name.contains("Tenured"))) {
                return pool;
            }
        }
        throw new IllegalStateException("no old generation heap pool in " + ManagementFactory.getMemoryPoolMXBeans());
    }
}
