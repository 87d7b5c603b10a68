package io.framewise.media.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaveformBadInputTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsNotFound() {
        Path missing = dir.resolve("gone.m4a");
        MediaException e = assertThrows(MediaException.NotFound.class, () -> Waveform.compute(missing, 10));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void emptyFileIsCorrupt() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.m4a"));
        MediaException e = assertThrows(MediaException.Corrupt.class, () -> Waveform.compute(empty, 10));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void textRenamedToMp4IsCorrupt() throws IOException {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "not audio at all\n", StandardCharsets.UTF_8);
        MediaException e = assertThrows(MediaException.Corrupt.class, () -> Waveform.compute(text, 10));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        assertTrue(e.nativeCall().isPresent(), e.getMessage());
    }

    @Test
    void randomBytesAreRejected() throws IOException {
        for (String name : new String[] {"random.mp4", "random.aac", "random.flac", "random.wav"}) {
            Path garbage = dir.resolve(name);
            byte[] bytes = new byte[50_000];
            new Random(name.hashCode()).nextBytes(bytes);
            Files.write(garbage, bytes);
            MediaException e = assertThrows(MediaException.class, () -> Waveform.compute(garbage, 10), name);
            assertTrue(e instanceof MediaException.Corrupt || e instanceof MediaException.Unsupported, name + ": " + e);
            assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
        }
    }

    @Test
    void truncatedAudioGivesTheWaveformOfWhatIsLeft() throws IOException {
        Path wav = WaveformTest.silenceThenBurst();
        byte[] whole = Files.readAllBytes(wav);
        Path cut = dir.resolve("cut.wav");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 3 / 4));
        WaveformPeaks peaks = Waveform.compute(cut, 10);
        // 1.5 s of the 2 s are left: silence, then half a second of the burst.
        assertEquals(15, peaks.length());
        assertEquals(0, peaks.max(5));
        assertTrue(peaks.max(12) > 20000, "burst bucket " + peaks.max(12));
    }

    /** Every buffer the waveform allocates is freed: repeated runs leave native memory where it was. */
    @Test
    void repeatedRunsDoNotGrowNativeMemory() {
        Path file = WaveformTest.silenceThenBurst();
        for (int i = 0; i < 20; i++) {
            Waveform.compute(file, 100);
        }
        long tracked = Pointer.totalBytes();
        long resident = Pointer.physicalBytes();
        for (int i = 0; i < 200; i++) {
            Waveform.compute(file, 100);
        }
        assertTrue(Pointer.totalBytes() - tracked < 1024 * 1024, "JavaCPP buffers left allocated");
        long grown = Pointer.physicalBytes() - resident;
        assertTrue(grown < 32L * 1024 * 1024, "resident memory grew by " + grown + " bytes over 200 runs");
    }
}
