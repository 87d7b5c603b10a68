package io.framewise.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.FrameCode;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.crypto.AtRest;
import io.framewise.server.crypto.MasterKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Encryption at rest (ADR 0061): the same 60 s 1080p upload served by a plain library and by an
 * encrypted one, two servers in this process side by side in one run. Range serving in MB/s (random
 * 4 MiB ranges, then whole-file reads, each answer checked against the file) and random exact
 * stills (distinct frames, frame code read from each picture), encrypted against plain, with ratios.
 */
final class CryptBench {

    private static final int RANGES = 40;
    private static final int RANGE_BYTES = 4 << 20;
    private static final int WHOLE_READS = 3;
    private static final int STILLS = Integer.getInteger("framewise.cryptStills", 30);

    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    CryptBench(Path work) {
        this.work = work;
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        Path source = new SeekBench(work).source();
        byte[] plain = Files.readAllBytes(source);
        Path plainDir = work.resolve("crypt-plain");
        Path sealedDir = work.resolve("crypt-sealed");
        ServerBench.deleteTree(plainDir);
        ServerBench.deleteTree(sealedDir);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        AtRest atRest = AtRest.open(sealedDir, MasterKey.of(key));
        try (FramewiseServer plainServer = FramewiseServer.start(config(plainDir));
                FramewiseServer sealedServer = FramewiseServer.start(config(sealedDir), atRest)) {
            URI p = plainServer.baseUri();
            URI s = sealedServer.baseUri();
            String plainId = upload(p, source);
            String sealedId = upload(s, source);
            awaitReady(p, plainId);
            awaitReady(s, sealedId);
            System.out.println("crypt: both libraries ready; serving ranges...");

            Random random = new Random(20261207);
            long[] starts = random.longs(RANGES, 0, plain.length - RANGE_BYTES).toArray();
            double[] plainNs = new double[2];
            double[] sealedNs = new double[2];
            for (long start : starts) {
                plainNs[0] += range(p, plainId, start, plain);
                sealedNs[0] += range(s, sealedId, start, plain);
            }
            for (int i = 0; i < WHOLE_READS; i++) {
                plainNs[1] += range(p, plainId, -1, plain);
                sealedNs[1] += range(s, sealedId, -1, plain);
            }
            double rangeMb = RANGES * (double) RANGE_BYTES / 1e6;
            double wholeMb = WHOLE_READS * (double) plain.length / 1e6;
            rows.add(mbRow(
                    "crypt: " + RANGES + " random 4 MiB Range reads of a 60 s 1080p original, MB/s",
                    rangeMb,
                    sealedNs[0],
                    plainNs[0]));
            rows.add(mbRow(
                    "crypt: " + WHOLE_READS + " whole-file reads (" + plain.length / 1_000_000 + " MB), MB/s",
                    wholeMb,
                    sealedNs[1],
                    plainNs[1]));

            System.out.println("crypt: random stills...");
            int[] frames = random.ints(0, 1500).distinct().limit(STILLS).toArray();
            Samples plainStills = new Samples();
            Samples sealedStills = new Samples();
            for (int f : frames) {
                plainStills.add(still(p, plainId, f));
                sealedStills.add(still(s, sealedId, f));
            }
            rows.add(new ServerBench.Row(
                    "crypt: random exact still /frames/{n}?format=jpg, " + STILLS + " distinct frames (p50, p95)",
                    String.format(
                            Locale.ROOT,
                            "encrypted p50 %.0f ms, p95 %.0f ms",
                            sealedStills.percentile(50),
                            sealedStills.percentile(95)),
                    String.format(
                            Locale.ROOT,
                            "plain p50 %.0f ms, p95 %.0f ms",
                            plainStills.percentile(50),
                            plainStills.percentile(95)),
                    String.format(Locale.ROOT, "%.2fx (p50)", sealedStills.percentile(50) / plainStills.percentile(50)),
                    "<= 1.1x"));
        } finally {
            atRest.close();
            ServerBench.deleteTree(plainDir);
            ServerBench.deleteTree(sealedDir);
        }
    }

    private static ServerConfig config(Path dir) {
        return new ServerConfig(dir, "127.0.0.1", 0, 1, 4L << 30, 0);
    }

    private static ServerBench.Row mbRow(String what, double mb, double sealedNs, double plainNs) {
        double sealedRate = mb / (sealedNs / 1e9);
        double plainRate = mb / (plainNs / 1e9);
        return new ServerBench.Row(
                what,
                String.format(Locale.ROOT, "encrypted %.0f MB/s", sealedRate),
                String.format(Locale.ROOT, "plain %.0f MB/s", plainRate),
                String.format(Locale.ROOT, "%.2fx of plain", sealedRate / plainRate),
                ">= 0.5x of plain");
    }

    private String upload(URI base, Path file) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(base.resolve("/api/media?filename=crypt-bench.mp4"))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body()).path("id").asText();
    }

    private void awaitReady(URI base, String id) {
        io.framewise.model.testing.Await.value("media " + id + " ready", Duration.ofMinutes(15), () -> {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/media/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode item = json.readTree(r.body());
            String status = item.path("status").asText();
            if (status.equals("failed")) {
                throw new IllegalStateException("media failed: " + item);
            }
            return status.equals("ready") ? item : null;
        });
    }

    /** Nanoseconds for one range (start -1: the whole file), the body checked byte for byte. */
    private double range(URI base, String id, long start, byte[] plain) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/media/" + id + "/stream?rendition=original"));
        if (start >= 0) {
            b.header("Range", "bytes=" + start + "-" + (start + RANGE_BYTES - 1));
        }
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        long ns = System.nanoTime() - t0;
        int from = (int) Math.max(0, start);
        int to = start >= 0 ? from + RANGE_BYTES : plain.length;
        if (!Arrays.equals(plain, from, to, r.body(), 0, r.body().length)) {
            throw new IllegalStateException("range " + start + " answered other bytes (" + r.statusCode() + ")");
        }
        return ns;
    }

    private double still(URI base, String id, int frame) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(base.resolve("/api/media/" + id + "/frames/" + frame + "?format=jpg"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200 || FrameCode.read(r.body()) != frame) {
            throw new IllegalStateException("frame " + frame + " answered " + r.statusCode() + " or another picture");
        }
        return ms;
    }
}
