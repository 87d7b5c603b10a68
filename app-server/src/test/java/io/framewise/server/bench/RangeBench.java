package io.framewise.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Range streaming on loopback: {@code GET /api/media/{id}/stream} against nginx serving the same
 * file, both driven by wrk with the same threads, connections and duration (median of three alternating
 * 5 s runs after an 8 s warm-up of each). Two loads: random
 * 1 MiB ranges (a player seeking and buffering) and whole-file GETs (a download).
 */
final class RangeBench {

    static final List<String> PACKAGES = List.of("nginx", "wrk");
    private static final Pattern RESULT = Pattern.compile("FWRESULT (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)");

    private static final int THREADS = 2;
    private static final int CONNECTIONS = 8;
    private static final int WARMUP_SECONDS = 8;
    private static final int SECONDS = 5;
    private static final int RUNS = 3;

    private final Path work;

    RangeBench(Path work) {
        this.work = work;
    }

    /** One wrk run: totals and the median latency. */
    record Load(long requests, long bytes, double seconds, long badStatus, double medianMillis) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%.0f MB/s, %.0f req/s, median %.1f ms, %d requests, %d non-2xx",
                    mbPerSecond(),
                    requestsPerSecond(),
                    medianMillis,
                    requests,
                    badStatus);
        }
    }

    void run(ServerProcess server, BenchLibrary library, List<ServerBench.Row> rows) throws Exception {
        String missing = ServerBench.ensurePackages(PACKAGES, List.of("nginx", "wrk"));
        if (missing != null) {
            System.out.println("range: skipped; install the tools with: " + missing);
            rows.add(ServerBench.Row.skipped("Range streaming vs nginx", "needs: " + missing));
            return;
        }
        String ours = server.uri("/api/media/" + library.streamId + "/stream?rendition=original")
                .toString();
        long size = Files.size(library.streamFile);
        // A second server on the same library (several nodes may share one), with nginx in front
        // sending the files it names: the --file-offload setup of installers/nginx/framewise.conf.
        try (Nginx nginx = Nginx.serve(library.streamFile.getParent(), work.resolve("nginx"));
                ServerProcess offloading = ServerProcess.start(
                        library.dataDir,
                        "1g",
                        work.resolve("offload-server.log"),
                        List.of("--file-offload", "nginx:/_framewise_files/"));
                Nginx front =
                        Nginx.front(offloading.uri("/").getPort(), library.dataDir, work.resolve("nginx-front"))) {
            String theirs = "http://127.0.0.1:" + nginx.port + "/" + library.streamFile.getFileName();
            String offloaded =
                    "http://127.0.0.1:" + front.port + "/api/media/" + library.streamId + "/stream?rendition=original";
            for (String mode : List.of("range", "full")) {
                Path script = work.resolve("wrk-" + mode + ".lua");
                Files.writeString(script, luaScript(mode, size));
                // Warm both (JIT, page cache), then alternate short runs so a burst of load from
                // elsewhere on the machine hits both sides alike; the median run counts.
                wrk(ours, script, WARMUP_SECONDS);
                wrk(theirs, script, WARMUP_SECONDS);
                wrk(offloaded, script, WARMUP_SECONDS);
                List<Load> ourRuns = new ArrayList<>();
                List<Load> theirRuns = new ArrayList<>();
                List<Load> offloadRuns = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    ourRuns.add(measure("Framewise", ours, mode, script));
                    theirRuns.add(measure("nginx", theirs, mode, script));
                    offloadRuns.add(measure("offload", offloaded, mode, script));
                }
                Load framewise = median(ourRuns);
                Load reference = median(theirRuns);
                Load viaFront = median(offloadRuns);
                String what = mode.equals("range")
                        ? "random 1 MiB Range GETs of a 256 MiB file"
                        : "whole-file GETs of a 256 MiB file";
                rows.add(new ServerBench.Row(
                        what + ", " + CONNECTIONS + " connections, MB/s (req/s)",
                        String.format(
                                Locale.ROOT,
                                "%.0f MB/s (%.0f req/s)",
                                framewise.mbPerSecond(),
                                framewise.requestsPerSecond()),
                        String.format(
                                Locale.ROOT,
                                "%.0f MB/s (%.0f req/s)",
                                reference.mbPerSecond(),
                                reference.requestsPerSecond()),
                        String.format(Locale.ROOT, "%.2fx nginx", framewise.mbPerSecond() / reference.mbPerSecond()),
                        ">= 0.8x nginx"));
                rows.add(new ServerBench.Row(
                        what + " behind nginx with --file-offload, MB/s (req/s)",
                        String.format(
                                Locale.ROOT,
                                "%.0f MB/s (%.0f req/s)",
                                viaFront.mbPerSecond(),
                                viaFront.requestsPerSecond()),
                        String.format(
                                Locale.ROOT,
                                "%.0f MB/s (%.0f req/s)",
                                reference.mbPerSecond(),
                                reference.requestsPerSecond()),
                        String.format(Locale.ROOT, "%.2fx nginx", viaFront.mbPerSecond() / reference.mbPerSecond()),
                        ">= 1.0x nginx"));
            }
        }
    }

    private static Load median(List<Load> runs) {
        List<Load> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Load::mbPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static Load measure(String who, String url, String mode, Path script) throws Exception {
        Load load = wrk(url, script, SECONDS);
        System.out.printf(Locale.ROOT, "range: %-9s %-5s %s%n", who, mode, load);
        // A whole 256 MiB file may not complete within a run on loaded cores; its bytes still count.
        if (load.badStatus() > 0 || load.bytes() == 0) {
            throw new IOException(who + " answered " + load.badStatus() + " requests with an error status");
        }
        return load;
    }

    private static Load wrk(String url, Path script, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "wrk",
                        "-t" + THREADS,
                        "-c" + CONNECTIONS,
                        "-d" + seconds + "s",
                        "--timeout",
                        "30s",
                        "-s",
                        script.toString(),
                        url)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        Matcher m = RESULT.matcher(out);
        if (!m.find()) {
            throw new IOException("wrk printed no result: " + out);
        }
        return new Load(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)) / 1e6,
                Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)) / 1000.0);
    }

    /** Random 1 MiB ranges (each wrk thread seeded apart) or plain GETs; totals printed on one line. */
    static String luaScript(String mode, long size) {
        return """
                local size = %d
                local range = %s
                local counter = 0
                setup = function(thread)
                    counter = counter + 1
                    thread:set("seed", counter * 7919)
                end
                init = function(args)
                    math.randomseed(seed)
                end
                request = function()
                    if not range then
                        return wrk.format("GET")
                    end
                    local first = math.random(0, size - 1048576)
                    return wrk.format("GET", nil, {["Range"] = "bytes=" .. first .. "-" .. (first + 1048575)})
                end
                done = function(summary, latency, requests)
                    io.write(string.format("FWRESULT %%d %%d %%d %%d %%d\\n", summary.requests, summary.bytes,
                        summary.duration, summary.errors.status, latency:percentile(50)))
                end
                """
                .formatted(size, mode.equals("range") ? "true" : "false");
    }
}
