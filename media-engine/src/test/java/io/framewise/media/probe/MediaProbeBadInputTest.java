package io.framewise.media.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.media.MediaInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaProbeBadInputTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsNotFound() {
        Path missing = dir.resolve("gone.mp4");
        MediaException e = assertThrows(MediaException.NotFound.class, () -> MediaProbe.probe(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void emptyFileIsCorrupt() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        MediaException e = assertThrows(MediaException.Corrupt.class, () -> MediaProbe.probe(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void textRenamedToMp4IsCorruptAndNamesTheNativeCall() throws IOException {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "Shot list\n1. wide\n2. close-up\n", StandardCharsets.UTF_8);
        MediaException e = assertThrows(MediaException.Corrupt.class, () -> MediaProbe.probe(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        assertEquals(Optional.of("avformat_open_input"), e.nativeCall());
        assertTrue(e.getMessage().contains("Invalid data"), e.getMessage());
    }

    /** Demuxers that accept a file by its name alone must not turn random bytes into a media item. */
    @ParameterizedTest
    @ValueSource(strings = {"mp4", "mov", "mkv", "bin", "jpg", "png", "aac", "flac", "ac3", "ans", "vtt", "h264"})
    void randomBytesAreRejectedWhateverTheirName(String extension) throws IOException {
        for (int size : new int[] {1000, 70_000}) {
            Path garbage = dir.resolve("random-" + size + "." + extension);
            byte[] bytes = new byte[size];
            new Random(size * 31L + extension.hashCode()).nextBytes(bytes);
            Files.write(garbage, bytes);
            MediaException e = assertThrows(MediaException.class, () -> MediaProbe.probe(garbage), garbage::toString);
            assertTrue(
                    e instanceof MediaException.Corrupt || e instanceof MediaException.Unsupported, garbage + ": " + e);
            assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
        }
    }

    @Test
    void truncatedMp4IsCorrupt() throws IOException {
        byte[] whole = Files.readAllBytes(TestMedia.get(Variant.H264_LONG_GOP));
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        MediaException e = assertThrows(MediaException.Corrupt.class, () -> MediaProbe.probe(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.nativeCall().isPresent(), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAFile() {
        assertThrows(MediaException.NotFound.class, () -> MediaProbe.probe(dir));
    }

    /** Probing again and again leaves no native memory behind (every allocation is freed). */
    @Test
    void repeatedProbesDoNotGrowNativeMemory() {
        Path file = TestMedia.get(Variant.ROTATED_PHONE);
        for (int i = 0; i < 50; i++) {
            MediaProbe.probe(file);
        }
        long before = Pointer.physicalBytes();
        MediaInfo last = null;
        for (int i = 0; i < 500; i++) {
            last = MediaProbe.probe(file);
        }
        long grown = Pointer.physicalBytes() - before;
        assertEquals(60, last.video().orElseThrow().frameCount());
        assertTrue(grown < 32L * 1024 * 1024, "resident memory grew by " + grown + " bytes over 500 probes");
    }
}
