package io.framewise.media.still;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.media.thumbs.SpriteSheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stills side by side with the obvious alternative, the ffmpeg command line selecting frame N, on
 * the long-GOP test file (640x360, GOP 125, 3 B-frames). Not part of the normal build (the class
 * name does not end in Test); run it with
 *
 * <pre>mvn -B -pl shared-model,media-engine install -Dtest=StillBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It prints a Markdown table and writes it to {@code target/benchmarks/stills.md}. Every picture
 * either side makes is checked by its frame code, so both do the same work.
 */
class StillBenchmark {

    @TempDir
    Path work;

    private final List<String> rows = new ArrayList<>();

    @Test
    void stillsAgainstTheCommandLine() throws IOException {
        Variant v = Variant.H264_LONG_GOP;
        Path media = TestMedia.get(v);
        int[] random = new Random(5).ints(20, 0, v.frameCount()).toArray();
        int[] stepBack = IntStream.iterate(249, i -> i - 1).limit(30).toArray();
        // Warm both sides once: the bundled executable unpacks, the JIT compiles.
        cliStill(media, 1);
        ours(media, new int[] {1});
        sprite(media);
        cliSprite(media);

        compare(
                "20 random frames to PNG (one session vs one ffmpeg run each)",
                random.length,
                () -> ours(media, random),
                () -> cli(media, random));
        compare(
                "stepping back 30 frames from the last (arrow key)",
                stepBack.length,
                () -> ours(media, stepBack),
                () -> cli(media, stepBack));
        compare(
                "stepping back 30 frames, RGB picture for the screen",
                stepBack.length,
                () -> oursRgb(media, stepBack),
                () -> cliRgb(media, stepBack));
        compare("sprite sheet, 100 tiles of 160 px", 1, () -> sprite(media), () -> cliSprite(media));

        String table = "| workload | Framewise ms | ffmpeg CLI ms | speed-up |\n|---|---:|---:|---:|\n"
                + String.join("\n", rows) + "\n";
        System.out.println(table);
        Path out = Path.of("target", "benchmarks", "stills.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private void compare(String name, int count, Runnable ours, Runnable cli) {
        long a = timeMillis(ours);
        long b = timeMillis(cli);
        rows.add(String.format(
                Locale.ROOT,
                "| %s | %d (%.1f each) | %d (%.1f each) | %.1fx |",
                name,
                a,
                (double) a / count,
                b,
                (double) b / count,
                (double) b / Math.max(1, a)));
    }

    private static long timeMillis(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void ours(Path media, int[] indices) {
        try (FrameReader reader = FrameReader.open(media)) {
            for (int i : indices) {
                byte[] png = StillEncoder.encode(reader.read(i), StillFormat.PNG, 90);
                assertEquals(i, FrameCode.read(png));
            }
        }
    }

    private static void oursRgb(Path media, int[] indices) {
        try (FrameReader reader = FrameReader.open(media)) {
            for (int i : indices) {
                Picture p = reader.read(i);
                assertEquals(i, FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride()));
            }
        }
    }

    private void cliRgb(Path media, int[] indices) {
        for (int i : indices) {
            byte[] rgb =
                    CliReference.frames(media, new int[] {i}, 640, 360, work).get(0);
            assertEquals(i, FrameCode.readRgb(rgb, 640, 360, 640 * 3));
        }
    }

    private void cli(Path media, int[] indices) {
        for (int i : indices) {
            assertEquals(i, FrameCode.read(cliStill(media, i)));
        }
    }

    private Path cliStill(Path media, int index) {
        Path out = work.resolve("cli-" + index + ".png");
        TestMedia.run(
                List.of("-i", media.toString()),
                "-map",
                "0:v:0",
                "-vf",
                "select=eq(n\\," + index + ")",
                "-frames:v",
                "1",
                "-f",
                "image2",
                out.toString());
        return out;
    }

    private static void sprite(Path media) {
        try (FrameReader reader = FrameReader.open(media)) {
            SpriteSheet sheet = SpriteSheet.create(reader, SpriteSheet.Layout.DEFAULT);
            assertEquals(100, sheet.index().tileCount());
        }
    }

    private void cliSprite(Path media) {
        String select = IntStream.range(0, 100)
                .map(t -> t * 5 / 2)
                .mapToObj(i -> "eq(n\\," + i + ")")
                .collect(Collectors.joining("+"));
        Path out = work.resolve("cli-sprite.jpg");
        TestMedia.run(
                List.of("-i", media.toString()),
                "-map",
                "0:v:0",
                "-vf",
                "select=" + select + ",scale=160:90,tile=10x10",
                "-frames:v",
                "1",
                "-q:v",
                "5",
                out.toString());
    }
}
