package io.framewise.media.robustness;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damaged media made from the test media: truncations, flipped bits, random bytes and text under media
 * names. Seeded, so a failure names a file that can be made again.
 */
final class FuzzCorpus {

    private static final long SEED = 0x46574d;

    private FuzzCorpus() {}

    static List<Path> build(Path dir) {
        try {
            Files.createDirectories(dir);
            Random random = new Random(SEED);
            List<Path> files = new ArrayList<>();
            Variant[] sources = {
                Variant.H264_LONG_GOP,
                Variant.MPEG_TS,
                Variant.VP9_WEBM,
                Variant.PRORES_23976,
                Variant.HEVC_OPEN_GOP,
                Variant.EDIT_LIST,
                Variant.STILL_PNG,
                Variant.AUDIO_ONLY
            };
            for (Variant v : sources) {
                byte[] original = Files.readAllBytes(TestMedia.get(v));
                String ext = v.fileName().substring(v.fileName().lastIndexOf('.'));
                for (double cut : new double[] {0.001, 0.02, 0.3, 0.6, 0.97}) {
                    int length = Math.max(1, (int) (original.length * cut));
                    files.add(write(
                            dir,
                            "truncated-" + (int) (cut * 1000) + "-" + v.fileName(),
                            Arrays.copyOf(original, length)));
                }
                for (int n = 0; n < 3; n++) {
                    byte[] flipped = original.clone();
                    for (int i = 0; i < 40; i++) {
                        int at = random.nextInt(flipped.length);
                        flipped[at] ^= (byte) (1 << random.nextInt(8));
                    }
                    files.add(write(dir, "flipped-" + n + "-" + v.fileName(), flipped));
                }
                byte[] noise = new byte[1 + random.nextInt(200_000)];
                random.nextBytes(noise);
                files.add(write(dir, "random" + ext, noise));
                // A real header followed by noise: demuxers accept it, decoders must not.
                byte[] headerThenNoise = original.clone();
                byte[] tail = new byte[headerThenNoise.length - Math.min(headerThenNoise.length, 4096)];
                random.nextBytes(tail);
                System.arraycopy(tail, 0, headerThenNoise, headerThenNoise.length - tail.length, tail.length);
                files.add(write(dir, "header-then-noise-" + v.fileName(), headerThenNoise));
            }
            files.add(write(
                    dir,
                    "text.mp4",
                    "this is a shopping list, not a movie\n".repeat(100).getBytes()));
            files.add(write(dir, "one-byte.mov", new byte[] {0}));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path dir, String name, byte[] data) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, data);
        return file;
    }
}
