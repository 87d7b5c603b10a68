package io.framewise.server.bench;

import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.testing.PostgresCluster;
import io.framewise.server.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Job throughput of 1, 2 and 3 server nodes on one PostgreSQL queue (issue 18), side by side in one
 * run: each node is a real {@code framewise server} process with one worker and its own data folder,
 * all on a fresh database and one shared store ({@code --storage file:DIR}). The same clips are
 * uploaded to the first node, and the clock runs from the first upload until every job of every
 * item is done; jobs per minute are the jobs done over that time. Nodes are started and idle before
 * the clock starts, so JVM start-up is not counted. Two workloads: short jobs (H.264 clips of 150
 * frames: probe, frame map, thumbnails, seek proxy, a fraction of a second each) and long ones
 * (ProRes clips, which also need a proxy transcode of seconds).
 *
 * <p>System properties {@code framewise.nodesItems} (default 16) and {@code framewise.nodesProres}
 * (default 8): how many clips of each.
 */
final class NodesBench {

    static final int ITEMS = Integer.getInteger("framewise.nodesItems", 16);
    static final int PRORES_ITEMS = Integer.getInteger("framewise.nodesProres", 8);
    static final long DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(10);
    static final List<String> OPTIONS =
            List.of("--hls-min-duration", "24h", "--hls-min-bitrate", "1000g", "--scenes", "off");

    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    NodesBench(Path work) {
        this.work = work;
    }

    /** One configuration's figures. */
    private record Run(int nodes, long jobs, double seconds) {
        double perMinute() {
            return jobs * 60 / seconds;
        }
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start()) {
            workload(cluster, TestMedia.get(Variant.H264_2997_DF), ITEMS, "H.264 clips of 150 frames", rows);
            workload(cluster, prores(), PRORES_ITEMS, "ProRes 640x360 clips of 144 frames, proxies", rows);
        }
    }

    private void workload(PostgresCluster cluster, Path source, int items, String what, List<ServerBench.Row> rows)
            throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            Run run = measure(cluster, n, source, items);
            System.out.printf(
                    Locale.ROOT,
                    "nodes: %d node(s), %d %s, %d jobs in %.1f s: %.0f jobs/min%n",
                    n,
                    items,
                    what,
                    run.jobs,
                    run.seconds,
                    run.perMinute());
            runs.add(run);
        }
        Run one = runs.get(0);
        rows.add(new ServerBench.Row(
                "job throughput, 1 node x 1 worker on PostgreSQL, " + items + " " + what + " (" + one.jobs + " jobs)",
                String.format(Locale.ROOT, "%.0f jobs/min (%.1f s)", one.perMinute(), one.seconds),
                "-",
                "1.00x",
                "-"));
        for (Run r : runs.subList(1, runs.size())) {
            rows.add(new ServerBench.Row(
                    "job throughput, " + r.nodes + " nodes x 1 worker on one queue vs 1 node, " + what,
                    String.format(Locale.ROOT, "%.0f jobs/min (%.1f s)", r.perMinute(), r.seconds),
                    String.format(Locale.ROOT, "%.0f jobs/min", one.perMinute()),
                    String.format(Locale.ROOT, "%.2fx", r.perMinute() / one.perMinute()),
                    "<= cores (2)"));
        }
    }

    private Run measure(PostgresCluster cluster, int count, Path source, int items) throws Exception {
        DatabaseLocation.Postgres db = cluster.newDatabase("bench_nodes");
        Path root = work.resolve("nodes-" + count);
        ServerBench.deleteTree(root);
        Path store = root.resolve("store");
        Files.createDirectories(store);
        List<String> options = new ArrayList<>(OPTIONS);
        options.addAll(List.of("--db", "postgresql://127.0.0.1:" + db.port() + "/" + db.database()));
        options.addAll(List.of("--storage", "file:" + store));
        Map<String, String> env = Map.of(DatabaseLocation.USER_VARIABLE, db.user());
        List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path data = root.resolve("node" + i);
            Path log = root.resolve("node" + i + ".log");
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ServerProcess.start(data, log, Map.of(), options, env);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            for (CompletableFuture<ServerProcess> f : starting) {
                nodes.add(f.join());
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < items; i++) {
                HttpResponse<String> created = http.send(
                        HttpRequest.newBuilder(
                                        nodes.get(0).uri("/api/media?filename=clip-" + i + "-" + source.getFileName()))
                                .POST(HttpRequest.BodyPublishers.ofFile(source))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("upload " + i + ": " + created.statusCode() + " " + created.body());
                }
            }
            // Every item's jobs are queued with it; done when nothing is queued or running any more.
            while (count(db, "SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')") > 0
                    || count(db, "SELECT count(*) FROM media_items WHERE status NOT IN ('ready', 'failed')") > 0) {
                if (System.nanoTime() - t0 > DEADLINE_NANOS) {
                    throw new IllegalStateException("the jobs of " + count + " node(s) did not finish in 10 minutes");
                }
                ServerBench.pause(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long failed = count(db, "SELECT count(*) FROM jobs WHERE state = 'failed'");
            if (failed > 0) {
                throw new IllegalStateException(failed + " jobs failed with " + count + " node(s); see " + root);
            }
            return new Run(count, count(db, "SELECT count(*) FROM jobs WHERE state = 'done'"), seconds);
        } finally {
            // Every node that started, including those after one that failed to.
            for (CompletableFuture<ServerProcess> f : starting) {
                try {
                    f.join().close();
                } catch (RuntimeException notStarted) {
                    // Nothing to stop.
                }
            }
        }
    }

    /** 6 s of 640x360 ProRes with the frame code, made once next to the test media. */
    private static Path prores() {
        Path target = TestMedia.directory().resolve("prores-360p-6s.mov");
        if (!Files.isRegularFile(target)) {
            Path tmp = TestMedia.directory().resolve("tmp-bench-prores-360p-6s.mov");
            TestMedia.run(
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "testsrc2=size=640x360:rate=24,trim=end_frame=144,format=yuv420p,"
                                    + FrameCode.drawFilter()),
                    "-c:v",
                    "prores_ks",
                    "-profile:v",
                    "2",
                    "-pix_fmt",
                    "yuv422p10le",
                    tmp.toString());
            try {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    private static long count(DatabaseLocation.Postgres db, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
