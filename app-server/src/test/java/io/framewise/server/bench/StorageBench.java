package io.framewise.server.bench;

import io.framewise.media.testing.TestMedia;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.bench.ServerBench.Row;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.jobs.JobState;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.PostgresPerDataFolder;
import io.framewise.server.testing.S3Proxy;
import io.framewise.server.testing.StoreNodes;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The media store (ADR 0060), side by side in one run: the first frame-exact still on a node that
 * must fetch the original and frame map (from s3proxy, from a folder store) against one whose data
 * folder holds them; Range reads streamed from S3 against the same reads of a local file. Nodes run
 * in this process on a throwaway PostgreSQL; s3proxy runs as its own process on loopback.
 */
final class StorageBench {

    private static final int ROUNDS = 5;
    private static final int RANGES = 60;
    private static final int RANGE_BYTES = 1 << 20;

    private final Path work;

    StorageBench(Path work) {
        this.work = work.resolve("storage");
    }

    void run(List<Row> rows) throws Exception {
        ServerBench.deleteTree(work);
        Files.createDirectories(work);
        Path clip = work.resolve("1080p-20s.mp4");
        System.out.println("storage: making 20 s of 1080p H.264 (GOP 50)...");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25:duration=20"),
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-g",
                "50",
                "-pix_fmt",
                "yuv420p",
                clip.toString());
        long size = Files.size(clip);
        try (S3Proxy s3 = S3Proxy.start(work.resolve("s3"))) {
            S3Proxy.lendCredentials();
            try (var client = s3.client()) {
                client.createBucket(b -> b.bucket("bench"));
            }
            // Issue 18: stills over ranged GETs against the whole fetch, for this clip and a larger one.
            RangedStillsBench ranged = new RangedStillsBench(work, s3);
            ranged.run(rows, "20 s 1080p GOP 50", clip);
            Path large = StepBench.source(
                    work.getParent(), "seek-source-60s-1080p-gop250.mp4", 1920, 1080, 1500, "veryfast");
            ranged.run(rows, "60 s 1080p GOP 250", large);
            ranged.run(rows, "5 min 1080p GOP 250", RangedStillsBench.fiveMinutes(large));
            DatabaseLocation.Postgres s3Db = PostgresPerDataFolder.cluster().newDatabase("bench_s3");
            DatabaseLocation.Postgres folderDb = PostgresPerDataFolder.cluster().newDatabase("bench_folder");
            DatabaseLocation.Postgres localDb = PostgresPerDataFolder.cluster().newDatabase("bench_local");
            try (StoreNodes onS3 = new StoreNodes(work, s3Db, s3.storage("bench", "lib", ""), 64L << 30);
                    StoreNodes onFolder =
                            new StoreNodes(work, folderDb, "file:" + work.resolve("folder-store"), 64L << 30)) {
                String s3Id = uploadReady(onS3, "s3-origin", clip);
                String folderId = uploadReady(onFolder, "folder-origin", clip);
                Path localData = work.resolve("local");
                StoreNodes local = new StoreNodes(work, localDb, "file:" + localData, 64L << 30);
                String localId = uploadReady(local, "local", clip);
                local.close();

                Samples cold = new Samples();
                Samples folder = new Samples();
                Samples warm = new Samples();
                for (int r = 0; r < ROUNDS; r++) {
                    long frame = 37 + 83L * r;
                    warm.add(firstStill(local, "local", localId, frame));
                    cold.add(firstStill(onS3, "s3-cold-" + r, s3Id, frame));
                    folder.add(firstStill(onFolder, "folder-cold-" + r, folderId, frame));
                }
                rows.add(row(
                        "first still, cold node, original fetched from s3proxy (" + mib(size) + ")",
                        cold,
                        "data folder holds it",
                        warm));
                rows.add(row(
                        "first still, cold node, original copied from a folder store",
                        folder,
                        "data folder holds it",
                        warm));

                FramewiseServer streaming = onS3.start("s3-range");
                FramewiseServer reading = local.start("local");
                Samples fromS3 = new Samples();
                Samples fromDisk = new Samples();
                Random random = new Random(7);
                for (int i = 0; i < RANGES; i++) {
                    long from = (long) (random.nextDouble() * (size - RANGE_BYTES));
                    fromS3.add(timedRange(streaming, s3Id, from));
                    fromDisk.add(timedRange(reading, localId, from));
                }
                rows.add(row(
                        "Range 1 MiB of the original, streamed from s3proxy (no local copy)",
                        fromS3,
                        "local file",
                        fromDisk));
                local.close();
            }
        }
    }

    private static String uploadReady(StoreNodes nodes, String name, Path clip) throws Exception {
        FramewiseServer node = nodes.start(name);
        String id = StoreNodes.upload(node, clip);
        StoreNodes.awaitReady(node, id);
        // Every step done (thumbnails, seek proxy): no later node measured here runs leftover work.
        Await.until(
                "every job of " + id + " to end",
                MediaReady.DEADLINE,
                () -> node.repositories().jobs().listByMedia(id).stream()
                        .allMatch(j -> j.state() == JobState.DONE || j.state() == JobState.FAILED));
        nodes.stop(node);
        return id;
    }

    /** Milliseconds of the first still asked of a newly started node (start-up not counted). */
    private static double firstStill(StoreNodes nodes, String name, String id, long frame) throws Exception {
        FramewiseServer node = nodes.start(name);
        try {
            long t = System.nanoTime();
            HttpResponse<byte[]> still = StoreNodes.get(node, "/api/media/" + id + "/frames/" + frame);
            double ms = (System.nanoTime() - t) / 1e6;
            if (still.statusCode() != 200) {
                throw new IllegalStateException("still of frame " + frame + ": " + still.statusCode());
            }
            return ms;
        } finally {
            nodes.stop(node);
        }
    }

    private static double timedRange(FramewiseServer node, String id, long from) throws Exception {
        long t = System.nanoTime();
        HttpResponse<byte[]> r = StoreNodes.range(node, id, from, from + RANGE_BYTES - 1);
        double ms = (System.nanoTime() - t) / 1e6;
        if (r.statusCode() != 206 || r.body().length != RANGE_BYTES) {
            throw new IllegalStateException("range at " + from + ": " + r.statusCode());
        }
        return ms;
    }

    private static Row row(String what, Samples ours, String altName, Samples alt) {
        double a = ours.percentile(50);
        double b = alt.percentile(50);
        return new Row(
                what,
                String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms (n=%d)", a, ours.percentile(95), ours.count()),
                String.format(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms", altName, b, alt.percentile(95)),
                String.format(Locale.ROOT, "%.2fx", a / b),
                "measured, no goal");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
