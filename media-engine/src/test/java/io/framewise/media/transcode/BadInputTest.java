package io.framewise.media.transcode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.time.FrameRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and bad output places end in a clear {@link MediaException}, never in a crash. */
class BadInputTest {

    @TempDir
    Path dir;

    private final ProxyTranscoder proxies = new ProxyTranscoder();

    private ProxyResult proxy(Path source, Path output) {
        return proxies.transcode(source, output, ProxySettings.DEFAULT, Progress.Listener.NONE, new Cancellation());
    }

    @Test
    void missingSourceIsNotFound() {
        MediaException e =
                assertThrows(MediaException.NotFound.class, () -> proxy(dir.resolve("nope.mov"), dir.resolve("p.mp4")));
        assertTrue(e.getMessage().contains("nope.mov"), e.getMessage());
    }

    @Test
    void garbageIsCorruptOrUnsupported() throws IOException {
        Path garbage = dir.resolve("garbage.mp4");
        byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);
        Files.write(garbage, bytes);
        MediaException e = assertThrows(MediaException.class, () -> proxy(garbage, dir.resolve("p.mp4")));
        assertTrue(e instanceof MediaException.Corrupt || e instanceof MediaException.Unsupported, e.toString());
        assertTrue(e.getMessage().contains("garbage.mp4"), e.getMessage());
    }

    @Test
    void truncatedMediaStillFailsCleanly() throws IOException {
        Path source = TestMedia.get(Variant.H264_LONG_GOP);
        byte[] all = Files.readAllBytes(source);
        Path cut = dir.resolve("truncated.mp4");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
        // The moov box is at the end of this file: without it nothing is readable.
        MediaException e = assertThrows(MediaException.class, () -> proxy(cut, dir.resolve("p.mp4")));
        assertTrue(e.getMessage().contains("truncated.mp4"), e.getMessage());
    }

    @Test
    void missingOutputFolderIsAWriteFailure() {
        Path output = dir.resolve("no/such/folder/p.mp4");
        MediaException e =
                assertThrows(MediaException.WriteFailed.class, () -> proxy(TestMedia.get(Variant.VP9_WEBM), output));
        assertTrue(e.getMessage().contains("p.mp4"), e.getMessage());
    }

    @Test
    void unknownClipContainerIsUnsupported() {
        MediaException e = assertThrows(MediaException.Unsupported.class, () -> new ClipCutter()
                .cut(
                        TestMedia.get(Variant.MPEG_TS),
                        dir.resolve("clip.nonsense"),
                        FrameRange.of(0, 10),
                        ClipMode.COPY,
                        ClipOptions.DEFAULT,
                        Progress.Listener.NONE,
                        new Cancellation()));
        assertTrue(e.getMessage().contains("clip.nonsense"), e.getMessage());
    }

    @Test
    void proresCannotBeCopiedIntoMp4AndSaysSo() {
        MediaException e = assertThrows(MediaException.Unsupported.class, () -> new ClipCutter()
                .cut(
                        TestMedia.get(Variant.PRORES_23976),
                        dir.resolve("clip.mp4"),
                        FrameRange.of(0, 10),
                        ClipMode.COPY,
                        ClipOptions.DEFAULT,
                        Progress.Listener.NONE,
                        new Cancellation()));
        assertTrue(e.getMessage().contains("prores"), e.getMessage());
    }
}
