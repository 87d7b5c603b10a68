package io.framewise.server.bench;

import io.framewise.media.MediaSource;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.bench.ServerBench.Row;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.storage.RangedObjectChannel;
import io.framewise.server.storage.StorageLocation;
import io.framewise.server.storage.StoredObject;
import io.framewise.server.testing.S3Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue 18: a still of an original this node lacks, read through an AVIOContext over ranged GETs
 * ({@link RangedObjectChannel}) against fetching the whole original into the local cache first
 * ({@link MediaStore#localize}, what the stills path does today), side by side in one run on one
 * s3proxy. Both ways run in this process on a fresh data folder per round (a cold node), fetch the
 * frame map the same way, keep the reader open for a second still of another GOP (as the server's
 * reader pool does) and encode a JPEG; no HTTP, so the rows compare the two reads only.
 */
final class RangedStillsBench {

    private static final int ROUNDS = 7;
    private static final String BUCKET = "bench";
    private static final String PREFIX = "ranged";

    private final Path work;
    private final S3Proxy s3;

    RangedStillsBench(Path work, S3Proxy s3) {
        this.work = work;
        this.s3 = s3;
    }

    /** What one way took for the first still and the second, and what it fetched for each. */
    private static final class Way {
        final Samples first = new Samples();
        /** The same stills on a node whose data folder holds the original: decoding alone. */
        final Samples floorFirst = new Samples();

        final Samples floorSecond = new Samples();
        final Samples second = new Samples();
        final long[] firstGets = new long[ROUNDS];
        final long[] firstBytes = new long[ROUNDS];
        final long[] secondGets = new long[ROUNDS];
        final long[] secondBytes = new long[ROUNDS];
    }

    void run(List<Row> rows, String name, Path original) throws Exception {
        long size = Files.size(original);
        FrameMap map = FrameMapBuilder.build(original);
        String id = "ranged-" + name;
        try (var client = s3.client()) {
            client.putObject(
                    b -> b.bucket(BUCKET).key(PREFIX + "/media/" + id + "/original.mp4"),
                    RequestBody.fromFile(original));
            client.putObject(
                    b -> b.bucket(BUCKET).key(PREFIX + "/media/" + id + "/" + MediaFiles.FRAME_MAP),
                    RequestBody.fromBytes(map.toBytes()));
        }
        System.out.printf(
                Locale.ROOT,
                "storage: %s (%s, %d frames, %d keyframes): stills over ranged GETs vs whole fetch...%n",
                name,
                mib(size),
                map.frameCount(),
                map.keyframeCount());
        Way ranged = new Way();
        Way whole = new Way();
        long count = map.frameCount();
        for (int r = 0; r < ROUNDS; r++) {
            // Spread over the file, off the keyframes; the second still lies half the file away.
            long first = (count * (2L * r + 1)) / (2L * ROUNDS) + 11;
            long second = (first + count / 2) % count;
            floor(whole, original, map, first, second);
            if (r % 2 == 0) {
                measure(ranged, true, id, r, first, second);
                measure(whole, false, id, r, first, second);
            } else {
                measure(whole, false, id, r, first, second);
                measure(ranged, true, id, r, first, second);
            }
        }
        rows.add(row(
                "first still, cold node, " + name + " (" + mib(size) + ") through ranged GETs (AVIOContext)",
                ranged.first,
                ranged.firstGets,
                ranged.firstBytes,
                whole.first,
                whole.firstBytes,
                whole.floorFirst));
        rows.add(row(
                "second still (another GOP), same node and reader, " + name + ", through ranged GETs",
                ranged.second,
                ranged.secondGets,
                ranged.secondBytes,
                whole.second,
                whole.secondBytes,
                whole.floorSecond));
        rows.subList(rows.size() - 2, rows.size()).forEach(System.out::println);
    }

    /** One round of one way on a fresh data folder: the first still, then the second. */
    private void measure(Way way, boolean rangedGets, String id, int round, long first, long second) throws Exception {
        Path data = work.resolve((rangedGets ? "ranged-" : "whole-") + id + "-" + round);
        ServerBench.deleteTree(data);
        Path item = data.resolve("media").resolve(id);
        RangedObjectChannel.Counter counter = new RangedObjectChannel.Counter();
        try (MediaStore store =
                MediaStore.open(StorageLocation.parse(s3.storage(BUCKET, PREFIX, ""), data), data, 64L << 30)) {
            long t = System.nanoTime();
            FrameMap map = FrameMap.fromBytes(Files.readAllBytes(store.localize(item.resolve(MediaFiles.FRAME_MAP))));
            FrameReader reader;
            if (rangedGets) {
                StoredObject object = store.remote(item.resolve("original.mp4")).orElseThrow();
                reader = FrameReader.open(
                        MediaSource.channel(
                                item.resolve("original.mp4"), () -> new RangedObjectChannel(store, object, counter)),
                        map,
                        FrameReader.Options.DEFAULT);
            } else {
                reader = FrameReader.open(
                        store.localize(item.resolve("original.mp4")), map, FrameReader.Options.DEFAULT);
            }
            try (reader) {
                still(reader, first);
                way.first.add((System.nanoTime() - t) / 1e6);
                long gets = counter.gets();
                long bytes = rangedGets ? counter.bytes() : Files.size(item.resolve("original.mp4"));
                way.firstGets[round] = gets;
                way.firstBytes[round] = bytes;
                t = System.nanoTime();
                still(reader, second);
                way.second.add((System.nanoTime() - t) / 1e6);
                way.secondGets[round] = counter.gets() - gets;
                way.secondBytes[round] = rangedGets ? counter.bytes() - bytes : 0;
            }
        } finally {
            ServerBench.deleteTree(data);
        }
    }

    /** The same two stills read from the local original: what decoding and encoding alone take. */
    private static void floor(Way way, Path original, FrameMap map, long first, long second) {
        long t = System.nanoTime();
        try (FrameReader reader = FrameReader.open(original, map, FrameReader.Options.DEFAULT)) {
            still(reader, first);
            way.floorFirst.add((System.nanoTime() - t) / 1e6);
            t = System.nanoTime();
            still(reader, second);
            way.floorSecond.add((System.nanoTime() - t) / 1e6);
        }
    }

    /**
     * A 5-minute 1080p original (the 60 s GOP-250 source five times over, stream-copied): where the
     * whole fetch grows with the file and one still's GETs do not.
     */
    static Path fiveMinutes(Path sixtySeconds) {
        Path out = sixtySeconds.resolveSibling("storage-source-5min-1080p-gop250.mp4");
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path tmp = out.resolveSibling("tmp-" + out.getFileName());
        System.out.println("storage: making a 5-minute original from " + sixtySeconds.getFileName() + "...");
        TestMedia.run(
                List.of("-stream_loop", "4", "-i", sixtySeconds.toString()),
                "-c",
                "copy",
                "-movflags",
                "+faststart",
                "-f",
                "mp4",
                tmp.toString());
        try {
            Files.move(tmp, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static void still(FrameReader reader, long frame) {
        Picture picture = reader.read(frame);
        if (picture.index() != frame || StillEncoder.encode(picture, StillFormat.JPEG).length == 0) {
            throw new IllegalStateException("no still of frame " + frame);
        }
    }

    private static Row row(
            String what, Samples ranged, long[] gets, long[] bytes, Samples whole, long[] wholeBytes, Samples floor) {
        double a = ranged.percentile(50);
        double b = whole.percentile(50);
        return new Row(
                what,
                String.format(
                        Locale.ROOT,
                        "p50 %.1f ms, p95 %.1f ms (n=%d); %d ranged GETs, %s fetched (medians)",
                        a,
                        ranged.percentile(95),
                        ranged.count(),
                        median(gets),
                        mib(median(bytes))),
                String.format(
                        Locale.ROOT,
                        "whole original fetched into the local cache first: p50 %.1f ms, p95 %.1f ms; %s fetched"
                                + " (data folder holds it: p50 %.1f ms)",
                        b,
                        whole.percentile(95),
                        mib(median(wholeBytes)),
                        floor.percentile(50)),
                String.format(Locale.ROOT, "%.2fx", a / b),
                "measured, no goal");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
