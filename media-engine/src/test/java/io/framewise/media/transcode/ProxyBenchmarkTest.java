package io.framewise.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.ffmpeg.Ffmpeg;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Proxy throughput side by side with the ffmpeg CLI doing the same job (same encoder settings, same
 * source), in one run. Opt-in, because it is slow on a shared build machine:
 * {@code mvn -pl media-engine test -Dtest=ProxyBenchmarkTest -Dframewise.bench=true
 * [-Dframewise.bench.source=/path/to/file] [-Dframewise.bench.rounds=3]}.
 */
@EnabledIfSystemProperty(named = "framewise.bench", matches = "true")
class ProxyBenchmarkTest {

    @Test
    void proxyIsAtLeastAsFastAsTheCli() throws Exception {
        Path source = benchSource();
        int rounds = Integer.getInteger("framewise.bench.rounds", 3);
        Path dir = Files.createTempDirectory("framewise-bench");
        ProxySettings s = ProxySettings.DEFAULT;
        List<Double> ours = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Path a = dir.resolve("engine.mp4");
            long t0 = System.nanoTime();
            ProxyResult r = new ProxyTranscoder().transcode(source, a, s, Progress.Listener.NONE, new Cancellation());
            ours.add((System.nanoTime() - t0) / 1e9);

            Path b = dir.resolve("cli.mp4");
            int keyint = 25;
            List<String> args = List.of(
                    "-hide_banner",
                    "-nostdin",
                    "-loglevel",
                    "error",
                    "-y",
                    "-i",
                    source.toString(),
                    "-map",
                    "0:v:0",
                    "-map",
                    "0:a:0?",
                    "-vf",
                    "scale=w=-2:h='min(ih," + s.maxHeight() + ")',format=yuv420p,setsar=1",
                    "-fps_mode",
                    "passthrough",
                    "-c:v",
                    "libx264",
                    "-preset",
                    s.preset(),
                    "-crf",
                    Integer.toString(s.crf()),
                    "-profile:v",
                    "high",
                    "-g",
                    Integer.toString(keyint),
                    "-keyint_min",
                    Integer.toString(keyint),
                    "-x264-params",
                    "scenecut=0",
                    "-c:a",
                    "aac",
                    "-b:a",
                    Integer.toString(s.audioBitrate()),
                    "-ar",
                    "48000",
                    "-ac",
                    "2",
                    "-movflags",
                    "+faststart",
                    b.toString());
            long t1 = System.nanoTime();
            TestMedia.exec(Ffmpeg.processBuilder(Ffmpeg.ffmpegExecutable(), args));
            cli.add((System.nanoTime() - t1) / 1e9);
            assertEquals(r.frameCount(), DecodedVideo.decode(b).frameCount());
        }
        double oursBest = ours.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double cliBest = cli.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "proxy benchmark %s: engine %s s, ffmpeg CLI %s s; best engine %.2f s, best CLI %.2f s, speed ratio %.2fx%n",
                source.getFileName(),
                ours,
                cli,
                oursBest,
                cliBest,
                cliBest / oursBest);
    }

    private static Path benchSource() {
        String given = System.getProperty("framewise.bench.source");
        if (given != null) {
            return Path.of(given);
        }
        Path file = TestMedia.directory().resolve("bench-1080p.mp4");
        if (!Files.exists(file)) {
            List<String> in = List.of(
                    "-f",
                    "lavfi",
                    "-i",
                    "testsrc2=size=1920x1080:rate=25,trim=end_frame=500,format=yuv420p," + FrameCode.drawFilter(),
                    "-f",
                    "lavfi",
                    "-i",
                    "sine=frequency=440:sample_rate=48000:duration=20");
            TestMedia.run(
                    in,
                    "-map",
                    "0:v",
                    "-map",
                    "1:a",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-g",
                    "250",
                    "-bf",
                    "3",
                    "-c:a",
                    "aac",
                    "-shortest",
                    "-f",
                    "mp4",
                    file.toString());
        }
        return file;
    }
}
