package io.framewise.server.bench;

import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.still.Stills;
import io.framewise.media.testing.FrameCode;
import io.framewise.server.db.Ids;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.RenditionKind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Stepping and pausing in the review page as the browser asks (issue 16, ADR 0054), over HTTP to a
 * server process with {@code -Xmx512m}: {@code GET /frames/{n}?width=1280&format=jpg} one frame after
 * the other, forward and back through frames not seen yet (crossing GOP boundaries), one request at a
 * time; then a held key at 25 steps/s, counting steps whose still came after the next step was due;
 * each with the server's prefetch off and on, side by side. Then the pause: a second of play hints
 * ({@code prefetch=play} every 250 ms) before asking the still at the playhead, against the same
 * without hints. Every answer's frame code is read, so a fast wrong frame shows up.
 *
 * <p>The source is the seek benchmark's (60 s 1080p, GOP 250, 3 B-frames), made once and kept.
 */
final class StepBench {

    static final int STEPS = Integer.getInteger("framewise.steps", 150);
    static final int PAUSES = Integer.getInteger("framewise.pauses", 12);
    static final String WIDTH = "width=1280&format=jpg";

    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    StepBench(Path work) {
        this.work = work;
    }

    /** One server run's figures. */
    private record Run(Samples forward, Samples back, int heldLate, int heldSteps, Samples held, int wrong) {}

    void run(List<ServerBench.Row> rows) throws Exception {
        Path source = source(work, "seek-source-60s-1080p-gop250.mp4", 1920, 1080, 1500, "veryfast");
        Run off = measure(source, false, null);
        Samples[] pause = new Samples[2];
        Run on = measure(source, true, pause);
        print("prefetch off", off);
        print("prefetch on ", on);
        rows.add(stepRow("step forward one frame, not yet seen", off.forward, on.forward));
        rows.add(stepRow("step back one frame, not yet seen, across GOP boundaries", off.back, on.back));
        rows.add(new ServerBench.Row(
                "held key at 25 steps/s, " + on.heldSteps + " steps back then forward (steps late: prefetch on vs off)",
                on.heldLate + " late, p95 " + ms(on.held.percentile(95)),
                off.heldLate + " late, p95 " + ms(off.held.percentile(95)),
                "-",
                "none late"));
        rows.add(new ServerBench.Row(
                "pause: still at the playhead after 1 s of play, " + PAUSES + " pauses (prefetch=play hints vs none)",
                "p50 " + ms(pause[0].percentile(50)) + ", p95 " + ms(pause[0].percentile(95)),
                "p50 " + ms(pause[1].percentile(50)) + ", p95 " + ms(pause[1].percentile(95)),
                String.format(Locale.ROOT, "p95 %.1fx faster", pause[1].percentile(95) / pause[0].percentile(95)),
                "within 50 ms"
                        + (off.wrong + on.wrong == 0 ? "" : " (" + (off.wrong + on.wrong) + " WRONG PICTURES)")));
    }

    private Run measure(Path source, boolean prefetch, Samples[] pause) throws Exception {
        Path dataDir = work.resolve("step-library");
        ServerBench.deleteTree(dataDir);
        try {
            String id = prepare(dataDir, source, "step-60s.mp4");
            List<String> jvm = List.of("-Dframewise.stillPrefetch=" + prefetch);
            try (ServerProcess server =
                    ServerProcess.start(dataDir, "512m", jvm, work.resolve("step-server.log"), List.of())) {
                int[] wrong = new int[1];
                // Warm the reader and the JIT on frames away from the measured ones.
                for (int n = 0; n < 20; n++) {
                    timed(server, id, 1480 - n, wrong);
                }
                Samples forward = new Samples();
                for (int n = 180; n < 180 + STEPS; n++) {
                    forward.add(timed(server, id, n, wrong));
                    think();
                }
                Samples back = new Samples();
                for (int n = 760; n > 760 - STEPS; n--) {
                    back.add(timed(server, id, n, wrong));
                    think();
                }
                Samples held = new Samples();
                int late = held(server, id, 1260, -1, held, wrong) + held(server, id, 1010, 1, held, wrong);
                if (pause != null) {
                    pause[0] = pauses(server, id, true, 780, wrong);
                    pause[1] = pauses(server, id, false, 790, wrong);
                }
                return new Run(forward, back, late, 2 * STEPS, held, wrong[0]);
            }
        } finally {
            ServerBench.deleteTree(dataDir);
        }
    }

    /** A reviewer looks at each frame a moment before the next key press (as a real one does). */
    private static void think() {
        LockSupport.parkNanos(Duration.ofMillis(15).toNanos());
    }

    /**
     * A key held at 25 steps/s from {@code from} in {@code direction}: one request at a time, the next
     * sent at its tick or at once when the last came late. Returns how many came after the next tick.
     */
    private int held(ServerProcess server, String id, int from, int direction, Samples into, int[] wrong)
            throws Exception {
        long tick = Duration.ofMillis(40).toNanos();
        long next = System.nanoTime();
        int late = 0;
        for (int i = 0; i < STEPS; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            double ms = timed(server, id, from + direction * i, wrong);
            into.add(ms);
            next += tick;
            if (System.nanoTime() > next) {
                late++;
                next = System.nanoTime();
            }
        }
        return late;
    }

    /**
     * Plays a second from a frame not seen yet (hints every 250 ms, as the web client sends them, or
     * none), then pauses at the playhead and times the still there.
     */
    private Samples pauses(ServerProcess server, String id, boolean hints, int from, int[] wrong) throws Exception {
        Samples out = new Samples();
        for (int p = 0; p < PAUSES; p++) {
            int start = from + p * 53;
            long t0 = System.nanoTime();
            for (int h = 0; h < 4; h++) {
                int playhead = start + h * 6;
                if (hints) {
                    HttpResponse<Void> r = http.send(
                            HttpRequest.newBuilder(server.uri("/api/media/" + id + "/frames/" + playhead + "?" + WIDTH
                                            + "&prefetch=play"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 204) {
                        throw new IOException("the play hint answered " + r.statusCode());
                    }
                }
                LockSupport.parkNanos(t0 + Duration.ofMillis(250L * (h + 1)).toNanos() - System.nanoTime());
            }
            out.add(timed(server, id, start + 25, wrong));
        }
        return out;
    }

    /** Milliseconds for the still of frame {@code n}; a wrong picture is counted. */
    private double timed(ServerProcess server, String id, int n, int[] wrong) throws Exception {
        String path = "/api/media/" + id + "/frames/" + n + "?" + WIDTH;
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r =
                http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IOException(path + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        if (FrameCode.read(r.body()) != n) {
            wrong[0]++;
        }
        return ms;
    }

    private static void print(String what, Run r) {
        System.out.printf(
                Locale.ROOT,
                "step, %s: forward p50 %.1f p95 %.1f ms; back p50 %.1f p95 %.1f ms; held key %d of %d late"
                        + " (p95 %.1f ms); %d wrong pictures%n",
                what,
                r.forward.percentile(50),
                r.forward.percentile(95),
                r.back.percentile(50),
                r.back.percentile(95),
                r.heldLate,
                r.heldSteps,
                r.held.percentile(95),
                r.wrong);
    }

    private static ServerBench.Row stepRow(String what, Samples off, Samples on) {
        return new ServerBench.Row(
                what + " over HTTP, 60 s 1080p GOP 250 B-frames, width=1280 jpg, " + STEPS
                        + " steps (prefetch on vs off)",
                "p50 " + ms(on.percentile(50)) + ", p95 " + ms(on.percentile(95)),
                "p50 " + ms(off.percentile(50)) + ", p95 " + ms(off.percentile(95)),
                String.format(Locale.ROOT, "p95 %.1fx faster", off.percentile(95) / on.percentile(95)),
                "p95 < 40 ms");
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }

    /** A ready item for {@code source} with its frame map, as processing leaves it; returns its id. */
    static String prepare(Path dataDir, Path source, String name) throws IOException {
        String id = Ids.newId();
        Path original = ReadyVideo.placeOriginal(dataDir, id, source);
        Path itemDir = original.getParent();
        FrameMap map = FrameMapBuilder.build(original);
        Stills.write(itemDir.resolve(MediaFiles.FRAME_MAP), map.toBytes());
        ReadyVideo.register(dataDir, id, name, original, map, false, true, RenditionKind.PROXY, "original.mp4");
        return id;
    }

    /**
     * A 25 fps {@code testsrc2} source, GOP 250 and 3 B-frames, made once and kept; up to 1080p with
     * the frame code drawn in (drawing it takes minutes at 4K, where only memory is measured).
     */
    static Path source(Path work, String name, int width, int height, int frames, String preset) throws IOException {
        Path out = work.resolve(name);
        if (Files.isRegularFile(out)) {
            return out;
        }
        System.out.printf(
                Locale.ROOT, "encoding %d frames of %dx%d, GOP 250 with B-frames...%n", frames, width, height);
        Path tmp = work.resolve("tmp-" + name);
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        args.addAll(List.of(
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=25,trim=end_frame=" + frames + ",format=yuv420p"
                        + (width > 1920 ? "" : "," + FrameCode.drawFilter()),
                "-c:v",
                "libx264",
                "-preset",
                preset,
                "-b:v",
                width > 1920 ? "20M" : "8M",
                "-maxrate",
                width > 1920 ? "25M" : "10M",
                "-bufsize",
                width > 1920 ? "40M" : "16M",
                "-g",
                "250",
                "-keyint_min",
                "250",
                "-sc_threshold",
                "0",
                "-bf",
                "3",
                "-pix_fmt",
                "yuv420p",
                "-movflags",
                "+faststart",
                tmp.toString()));
        BundledTools.runToCompletion(BundledTools.processBuilder(BundledTools.ffmpeg(), args), Duration.ofHours(1));
        Files.move(tmp, out);
        return out;
    }
}
