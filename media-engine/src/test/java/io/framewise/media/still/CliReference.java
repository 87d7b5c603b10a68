package io.framewise.media.still;

import io.framewise.media.testing.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reference pictures from the bundled ffmpeg command line: {@code select} by decoded frame number
 * {@code n}, converted to packed RGB24 by its default scaler, exactly the way STACK.md measured
 * frame-exact decoding against.
 */
final class CliReference {

    private CliReference() {}

    /**
     * The RGB24 bytes of each of {@code indices} in ascending index order, each {@code
     * width * height * 3} bytes, from one ffmpeg run.
     */
    static List<byte[]> frames(Path media, int[] indices, int width, int height, Path workDir) {
        int[] sorted = Arrays.stream(indices).distinct().sorted().toArray();
        String select = Arrays.stream(sorted).mapToObj(i -> "eq(n\\," + i + ")").collect(Collectors.joining("+"));
        Path out = workDir.resolve("reference-" + media.getFileName() + ".rgb");
        List<String> inputs = List.of("-i", media.toString());
        TestMedia.run(
                inputs,
                "-map",
                "0:v:0",
                "-vf",
                "select=" + select + ",format=rgb24",
                "-fps_mode",
                "passthrough",
                "-f",
                "rawvideo",
                out.toString());
        try {
            byte[] all = Files.readAllBytes(out);
            int frameBytes = width * height * 3;
            if (all.length != frameBytes * sorted.length) {
                throw new IllegalStateException("ffmpeg wrote " + all.length + " bytes for " + sorted.length
                        + " frames of " + width + "x" + height);
            }
            List<byte[]> frames = new ArrayList<>();
            for (int k = 0; k < sorted.length; k++) {
                frames.add(Arrays.copyOfRange(all, k * frameBytes, (k + 1) * frameBytes));
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
