package io.framewise.media.robustness;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.framewise.media.MediaException;
import io.framewise.media.check.DecodeCheck;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every entry point of the engine, fed damaged media: each call either answers or throws a
 * {@link MediaException} that names the file, within a time bound; nothing crashes the JVM or hangs.
 */
class DamagedMediaTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @TestFactory
    Stream<DynamicTest> damagedMediaFailCleanly() {
        List<Path> corpus = FuzzCorpus.build(TestMedia.directory().resolve("fuzz"));
        return corpus.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> exercise(file)));
    }

    private static void exercise(Path file) {
        assertTimeoutPreemptively(BOUND, () -> {
            attempt(file, "probe", () -> MediaProbe.probe(file));
            FrameMap map = attempt(file, "frame map", () -> FrameMapBuilder.build(file));
            if (map != null) {
                EngineEntryPoints.readFrames(file, map);
                attempt(file, "decode check", () -> {
                    DecodeCheck.firstAndLastFrames(file, map);
                    return Boolean.TRUE;
                });
            }
            attempt(file, "audio decode check", () -> {
                DecodeCheck.audioStartAndEnd(file);
                return Boolean.TRUE;
            });
        });
    }

    /** Runs one engine call; a MediaException is a fine answer as long as it names the file. */
    static <T> T attempt(Path file, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (MediaException e) {
            assertTrue(
                    e.getMessage().contains(file.getFileName().toString()),
                    what + ": the message names the file: " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            fail(what + " of " + file.getFileName() + " threw " + e + " instead of a MediaException", e);
            return null;
        }
    }
}
