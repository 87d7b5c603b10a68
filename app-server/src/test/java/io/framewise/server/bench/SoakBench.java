package io.framewise.server.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Memory under load (issue 16): ten clients step through ten different 4K items at once, each one
 * request at a time (runs of steps forward and back with a jump now and then), against a server
 * process with {@code -Xmx512m}, for {@code framewise.soakMinutes} minutes (default 10). The server's
 * resident set is sampled every 5 s; the figures are start, peak, end and the growth over the last
 * half (a leak of decoder memory would show as steady growth there).
 *
 * <p>The items are ten library entries of one generated 12 s 4K source (GOP 250, 3 B-frames, no frame
 * code: only the status is checked): each has its own reader, decoder and stills, as ten different
 * files would.
 */
final class SoakBench {

    static final int CLIENTS = Integer.getInteger("framewise.soakClients", 10);
    static final double MINUTES = Double.parseDouble(System.getProperty("framewise.soakMinutes", "10"));
    static final int FRAMES = 300;

    private final Path work;

    SoakBench(Path work) {
        this.work = work;
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        Path source = StepBench.source(work, "soak-source-12s-4k-gop250.mp4", 3840, 2160, FRAMES, "ultrafast");
        Path dataDir = work.resolve("soak-library");
        ServerBench.deleteTree(dataDir);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                ids.add(StepBench.prepare(dataDir, source, "soak-4k-" + i + ".mp4"));
            }
            try (ServerProcess server =
                    ServerProcess.start(dataDir, "512m", List.of(), work.resolve("soak-server.log"), List.of())) {
                long startRss = server.rssBytes();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger steps = new AtomicInteger();
                AtomicInteger wrong = new AtomicInteger();
                Samples latency = new Samples();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    String id = ids.get(c);
                    Random random = new Random(c);
                    Thread t = new Thread(() -> client(server, id, random, stop, steps, wrong, latency), "soak-" + c);
                    t.setDaemon(true);
                    t.start();
                    clients.add(t);
                }
                long end = System.nanoTime() + (long) (MINUTES * 60e9);
                List<long[]> samples = new ArrayList<>(); // {seconds, rss}
                long t0 = System.nanoTime();
                while (System.nanoTime() < end) {
                    LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                    long rss = server.rssBytes();
                    samples.add(new long[] {(System.nanoTime() - t0) / 1_000_000_000L, rss});
                    System.out.printf(
                            Locale.ROOT,
                            "soak: %3d s RSS %.0f MB, %d steps%n",
                            samples.get(samples.size() - 1)[0],
                            rss / 1e6,
                            steps.get());
                }
                stop.set(true);
                for (Thread t : clients) {
                    t.join(60_000);
                }
                long peak = server.peakRssBytes();
                long last = samples.get(samples.size() - 1)[1];
                long half = samples.get(samples.size() / 2)[1];
                String figures = String.format(
                        Locale.ROOT,
                        "RSS start %.0f MB, peak %.0f MB, end %.0f MB; last half %+.0f MB; %d steps, p50 %.0f ms,"
                                + " p95 %.0f ms",
                        startRss / 1e6,
                        peak / 1e6,
                        last / 1e6,
                        (last - half) / 1e6,
                        steps.get(),
                        latency.percentile(50),
                        latency.percentile(95));
                System.out.println("soak: " + figures + "; " + wrong.get() + " failed requests");
                rows.add(new ServerBench.Row(
                        CLIENTS + " clients stepping through " + CLIENTS + " 4K items for "
                                + String.format(Locale.ROOT, "%.1f", MINUTES) + " min, -Xmx512m",
                        figures,
                        "-",
                        "-",
                        "under 1.5 GB RSS, no growth"
                                + (wrong.get() == 0 ? "" : " (" + wrong.get() + " FAILED REQUESTS)")));
            }
        } finally {
            ServerBench.deleteTree(dataDir);
        }
    }

    /** One reviewer: runs of 5 to 40 steps either way, a jump now and then, one request at a time. */
    private static void client(
            ServerProcess server,
            String id,
            Random random,
            AtomicBoolean stop,
            AtomicInteger steps,
            AtomicInteger wrong,
            Samples latency) {
        HttpClient http = HttpClient.newHttpClient();
        int n = random.nextInt(FRAMES);
        int width = 1280;
        while (!stop.get()) {
            int direction = random.nextBoolean() ? 1 : -1;
            int run = 5 + random.nextInt(36);
            for (int i = 0; i < run && !stop.get(); i++) {
                n = Math.floorMod(n + direction, FRAMES);
                String path = "/api/media/" + id + "/frames/" + n + "?width=" + width + "&format=jpg";
                try {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(
                            HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    synchronized (latency) {
                        latency.add((System.nanoTime() - t0) / 1e6);
                    }
                    if (r.statusCode() != 200) {
                        wrong.incrementAndGet();
                    }
                    steps.incrementAndGet();
                } catch (IOException e) {
                    wrong.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(40).toNanos());
            }
            if (random.nextInt(4) == 0) {
                n = random.nextInt(FRAMES);
            }
        }
    }
}
