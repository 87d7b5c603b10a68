package io.framewise.media.bench;

import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.scenes.SceneCut;
import io.framewise.media.scenes.SceneDetector;
import io.framewise.media.scenes.SceneTestSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./framewise bench scenes}: precision, recall of exact cut frames and speed against real time
 * on the generated set of {@link SceneTestSet} (a larger draw of it than the test's), for the
 * engine's {@link SceneDetector} and, side by side, the ffmpeg CLI's {@code select=gt(scene,0.4)}
 * and {@code scdet} on the same file.
 */
final class SceneBench {

    private static final Pattern PTS_TIME = Pattern.compile("pts_time:([0-9.]+)");

    private SceneBench() {}

    static void run(Path work, List<String> report) throws IOException, InterruptedException {
        SceneTestSet set = SceneTestSet.generate(work.resolve("scene-bench.mp4"), 48);
        double seconds = set.frames() / 25.0;
        System.out.printf(
                Locale.ROOT,
                "scenes: %d frames (%.0f s), %d cuts, %d fades, %d crossfades, %d flashes%n",
                set.frames(),
                seconds,
                set.cuts().size(),
                set.fades(),
                set.crossfades(),
                set.flashes());
        long t0 = System.nanoTime();
        TreeSet<Long> ours = new TreeSet<>();
        try (SceneDetector d = SceneDetector.open(set.file(), null)) {
            for (SceneCut c : d.detect()) {
                ours.add(c.frame());
            }
        }
        double ourTime = (System.nanoTime() - t0) / 1e9;
        String ourLine = line("Framewise SceneDetector", set, ours, ourTime, seconds);
        List<String> others = new ArrayList<>();
        double fastestCli = Double.MAX_VALUE;
        for (String filter : List.of("select='gt(scene,0.4)'", "scdet=threshold=10:sc_pass=1")) {
            long t1 = System.nanoTime();
            TreeSet<Long> cli = cli(set.file(), filter);
            double cliTime = (System.nanoTime() - t1) / 1e9;
            fastestCli = Math.min(fastestCli, cliTime);
            others.add(line("ffmpeg CLI " + filter, set, cli, cliTime, seconds));
        }
        report.add(String.format(
                Locale.ROOT,
                "| scene cuts, %d frames of generated shots (%d hard cuts) | %s | %s | %.2fx the CLI's time |"
                        + " P, R >= 0.95 |",
                set.frames(),
                set.cuts().size(),
                ourLine,
                String.join("; ", others),
                ourTime / fastestCli));
    }

    private static String line(String who, SceneTestSet set, TreeSet<Long> found, double took, double seconds) {
        TreeSet<Long> hits = new TreeSet<>(found);
        hits.retainAll(set.cuts());
        double precision = found.isEmpty() ? 0 : (double) hits.size() / found.size();
        double recall = (double) hits.size() / set.cuts().size();
        String text = String.format(
                Locale.ROOT,
                "%s: P %.3f, R %.3f (%d reported, %d exact), %.2f s = %.0fx real time",
                who,
                precision,
                recall,
                found.size(),
                hits.size(),
                took,
                seconds / took);
        System.out.println(text);
        return text;
    }

    /** The frames the CLI's filter passes, from showinfo's presentation times (the set is 25 fps from 0). */
    private static TreeSet<Long> cli(Path file, String filter) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "-hide_banner", "-nostdin", "-i", file.toString(), "-vf", filter + ",showinfo", "-f", "null", "-"));
        ProcessBuilder pb = BundledTools.processBuilder(BundledTools.ffmpeg(), args);
        Path log = Files.createTempFile("scene-bench", ".log");
        try {
            Process p =
                    pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + Files.readString(log));
            }
            TreeSet<Long> frames = new TreeSet<>();
            for (String lineText : Files.readAllLines(log)) {
                if (!lineText.contains("Parsed_showinfo")) {
                    continue;
                }
                Matcher m = PTS_TIME.matcher(lineText);
                if (m.find()) {
                    frames.add(Math.round(Double.parseDouble(m.group(1)) * 25));
                }
            }
            return frames;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
