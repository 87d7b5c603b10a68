package io.framewise.media.still;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged input reads what is readable and fails cleanly, with the file named, past the damage. */
class CorruptMediaTest {

    @TempDir
    Path dir;

    private Path truncatedCopy(Path source, String name, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Path copy = dir.resolve(name);
        Files.write(copy, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return copy;
    }

    @Test
    void anMp4CutInHalfLosesItsIndexAndSaysSo() throws IOException {
        // The index (moov) is written last: half a file has none.
        Path half = truncatedCopy(TestMedia.get(Variant.H264_LONG_GOP), "half.mp4", 0.5);
        MediaException e = assertThrows(MediaException.class, () -> FrameReader.open(half));
        assertTrue(e.getMessage().contains(half.toString()), e.getMessage());
    }

    @Test
    void anIndexedMp4CutInHalfReadsUpToTheCutAndFailsCleanlyPastIt() throws IOException {
        Path original = TestMedia.get(Variant.H264_LONG_GOP);
        Path faststart = dir.resolve("faststart.mp4");
        TestMedia.run(
                List.of("-i", original.toString()), "-c", "copy", "-movflags", "+faststart", faststart.toString());
        Path half = truncatedCopy(faststart, "faststart-half.mp4", 0.5);

        // Indexed afresh, the map holds the frames whose packets survived; they all read.
        try (FrameReader reader = FrameReader.open(half)) {
            long n = reader.frameCount();
            assertTrue(n >= 50 && n < 250, "frames left: " + n);
            int readable = readForward(reader, 250);
            assertTrue(readable >= n - 4, readable + " of " + n + " surviving frames read");
        }

        // With the map of the file before it was damaged, frames past the cut fail cleanly.
        FrameMap before = FrameMapBuilder.build(faststart);
        try (FrameReader reader = FrameReader.open(half, before)) {
            MediaException.Corrupt last = assertThrows(MediaException.Corrupt.class, () -> reader.read(249));
            assertTrue(last.getMessage().contains(half.toString()), last.getMessage());
            assertTrue(last.getMessage().contains("frame 249"), last.getMessage());
            int readable = readForward(reader, 250);
            assertTrue(readable >= 50 && readable < 250, "frames before the cut read: " + readable);
            // The failure left the reader usable.
            Picture again = reader.read(3);
            assertEquals(3, FrameCode.readRgb(again.rgb(), again.width(), again.height(), again.stride()));
            assertThrows(MediaException.Corrupt.class, () -> reader.read(248));
        }
    }

    /** Reads frames from 0 until one fails; checks each picture's code; returns how many read. */
    private static int readForward(FrameReader reader, int limit) {
        int readable = 0;
        for (int i = 0; i < Math.min(limit, reader.frameCount()); i++) {
            Picture p;
            try {
                p = reader.read(i, 160);
            } catch (MediaException.Corrupt e) {
                assertTrue(e.getMessage().contains("frame " + i), e.getMessage());
                break;
            }
            assertEquals(i, FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride()), "frame " + i);
            readable++;
        }
        return readable;
    }

    @Test
    void garbageInTheMiddleNeverCrashes() throws IOException {
        for (Variant v : new Variant[] {Variant.MPEG_TS, Variant.HEVC_OPEN_GOP, Variant.VP9_WEBM}) {
            byte[] bytes = Files.readAllBytes(TestMedia.get(v));
            Random random = new Random(v.ordinal());
            int from = bytes.length * 2 / 5;
            for (int i = from; i < from + bytes.length / 20; i++) {
                bytes[i] = (byte) random.nextInt();
            }
            Path damaged = dir.resolve("damaged-" + v.fileName());
            Files.write(damaged, bytes);
            try (FrameReader reader = FrameReader.open(damaged)) {
                Picture first = reader.read(0);
                assertEquals(0, FrameCode.readRgb(first.rgb(), first.width(), first.height(), first.stride()));
                int pictures = 0;
                int failures = 0;
                for (long i = reader.frameCount() - 1; i >= 0; i -= 3) {
                    try {
                        reader.read(i, 64);
                        pictures++;
                    } catch (MediaException e) {
                        assertTrue(e.getMessage().contains(damaged.toString()), e.getMessage());
                        failures++;
                    }
                }
                assertTrue(pictures > 0, v + ": " + pictures + " pictures, " + failures + " failures");
            } catch (MediaException e) {
                // The damage may reach the header: then opening says so, naming the file.
                assertTrue(e.getMessage().contains(damaged.toString()), e.getMessage());
            }
        }
    }

    @Test
    void notMediaAtAll() throws IOException {
        Path noise = dir.resolve("noise.mp4");
        byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);
        Files.write(noise, bytes);
        MediaException e = assertThrows(MediaException.class, () -> FrameReader.open(noise));
        assertTrue(e.getMessage().contains(noise.toString()), e.getMessage());

        Path empty = Files.createFile(dir.resolve("empty.mkv"));
        assertThrows(MediaException.Corrupt.class, () -> FrameReader.open(empty));
        assertThrows(MediaException.NotFound.class, () -> FrameReader.open(dir.resolve("missing.mp4")));
    }
}
