package io.framewise.server.bench;

import io.framewise.media.Cancellation;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.still.Stills;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.transcode.SeekProxyTranscoder;
import io.framewise.server.db.Ids;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.RenditionKind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A random seek in the review page, as the browser asks for it: {@code GET /frames/{n}?width=1280&format=jpg}
 * for the exact still against the same with {@code source=seek} for the seek proxy's still (ADR
 * 0051), over HTTP to a server process, side by side in one run, p50 and p95 of each and their ratio.
 * Every answer's frame code is read from the picture, so a fast wrong frame would show up as a mismatch.
 *
 * <p>The source is made once and kept in the work folder: 60 s of {@code testsrc2} 1920x1080 at 25 fps
 * with the frame code drawn in, x264 {@code veryfast} at 8 Mbit/s with a GOP of 250 (no scene-cut
 * keyframes) and 3 B-frames. Its seek proxy is made by the engine as the server's job makes it; its
 * size against the original's is the disk cost. Frames are distinct and random (seeded), so neither
 * the stills cache on disk nor the browser's cache answers; both sources get the same frames.
 */
final class SeekBench {

    static final int SAMPLES = Integer.getInteger("framewise.seekSamples", 60);
    static final int WARMUP = 3;
    static final int FRAMES = 1500;

    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    SeekBench(Path work) {
        this.work = work;
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        Path dataDir = work.resolve("seek-library");
        ServerBench.deleteTree(dataDir);
        try {
            Prepared p = prepare(source(), dataDir);
            try (ServerProcess server = ServerProcess.start(dataDir, "1g", work.resolve("seek-server.log"))) {
                List<Integer> frames = new ArrayList<>();
                for (int i = 0; i < FRAMES; i++) {
                    frames.add(i);
                }
                Collections.shuffle(frames, new Random(51));
                Samples exact = new Samples();
                Samples seek = new Samples();
                int wrong = 0;
                for (int i = 0; i < WARMUP + SAMPLES; i++) {
                    int n = frames.get(i);
                    String base = "/api/media/" + p.id + "/frames/" + n + "?width=1280&format=jpg";
                    // The page asks for the seek still first, then the exact one; timed one at a time.
                    double s = timed(server, base + "&source=seek", n);
                    double e = timed(server, base, n);
                    if (s < 0 || e < 0) {
                        wrong++;
                    }
                    if (i >= WARMUP) {
                        seek.add(Math.abs(s));
                        exact.add(Math.abs(e));
                    }
                }
                // As the page asks after a jump: both at once, the seek still timed while the exact one
                // is decoded beside it on the same cores (other frames, so no cache answers).
                Samples together = new Samples();
                for (int i = 0; i < SAMPLES; i++) {
                    int n = frames.get(WARMUP + SAMPLES + i);
                    String base = "/api/media/" + p.id + "/frames/" + n + "?width=1280&format=jpg";
                    var exactToo = http.sendAsync(
                            HttpRequest.newBuilder(server.uri(base)).build(), HttpResponse.BodyHandlers.discarding());
                    double s = timed(server, base + "&source=seek", n);
                    if (s < 0) {
                        wrong++;
                    }
                    together.add(Math.abs(s));
                    exactToo.join();
                }
                System.out.printf(
                        Locale.ROOT,
                        "seek: with the exact still made beside it, seek proxy still p50 %.1f ms p95 %.1f ms%n",
                        together.percentile(50),
                        together.percentile(95));
                System.out.printf(
                        Locale.ROOT,
                        "seek: exact still p50 %.1f ms p95 %.1f ms; seek proxy still p50 %.1f ms p95 %.1f ms;"
                                + " %d random frames, %d wrong pictures%n",
                        exact.percentile(50),
                        exact.percentile(95),
                        seek.percentile(50),
                        seek.percentile(95),
                        SAMPLES,
                        wrong);
                rows.add(new ServerBench.Row(
                        "random seek still over HTTP, 60 s 1080p H.264 GOP 250 with B-frames, width=1280 jpg, "
                                + SAMPLES + " random frames (seek proxy still vs exact still)",
                        String.format(
                                Locale.ROOT, "p50 %.1f ms, p95 %.1f ms", seek.percentile(50), seek.percentile(95)),
                        String.format(
                                Locale.ROOT, "p50 %.1f ms, p95 %.1f ms", exact.percentile(50), exact.percentile(95)),
                        String.format(
                                Locale.ROOT,
                                "p50 %.1fx, p95 %.1fx faster",
                                exact.percentile(50) / seek.percentile(50),
                                exact.percentile(95) / seek.percentile(95)),
                        "picture of the right frame within 100 ms p95"
                                + (wrong == 0 ? "" : " (" + wrong + " WRONG PICTURES)")));
                rows.add(new ServerBench.Row(
                        "the same, both asked at once as the page does after a jump (seek proxy still while"
                                + " the exact still is made vs the exact still alone)",
                        String.format(
                                Locale.ROOT,
                                "p50 %.1f ms, p95 %.1f ms",
                                together.percentile(50),
                                together.percentile(95)),
                        String.format(
                                Locale.ROOT, "p50 %.1f ms, p95 %.1f ms", exact.percentile(50), exact.percentile(95)),
                        String.format(
                                Locale.ROOT,
                                "p50 %.1fx, p95 %.1fx faster",
                                exact.percentile(50) / together.percentile(50),
                                exact.percentile(95) / together.percentile(95)),
                        "within 100 ms p95"));
                rows.add(new ServerBench.Row(
                        "seek proxy disk cost and making time, same file (seek proxy vs original)",
                        String.format(
                                Locale.ROOT,
                                "%.1f MB %dx%d, made in %.0f s",
                                p.proxyBytes / 1e6,
                                p.width,
                                p.height,
                                p.makeSeconds),
                        String.format(Locale.ROOT, "%.1f MB", p.originalBytes / 1e6),
                        String.format(Locale.ROOT, "%.0f%% of the original", 100.0 * p.proxyBytes / p.originalBytes),
                        "-"));
            }
        } finally {
            ServerBench.deleteTree(dataDir);
        }
    }

    /** Milliseconds for one still, negative when the picture is not frame {@code n}. */
    private double timed(ServerProcess server, String path, int n) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r =
                http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IOException(path + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        boolean right = FrameCode.read(r.body()) == n
                && r.headers().firstValue("X-Frame-Index").orElse("").equals(Integer.toString(n));
        return right ? ms : -ms;
    }

    record Prepared(String id, long originalBytes, long proxyBytes, int width, int height, double makeSeconds) {}

    /** A ready item for {@code source} with its frame map and seek proxy, as processing leaves it. */
    Prepared prepare(Path source, Path dataDir) throws IOException {
        String id = Ids.newId();
        Path original = ReadyVideo.placeOriginal(dataDir, id, source);
        Path itemDir = original.getParent();
        FrameMap map = FrameMapBuilder.build(original);
        Stills.write(itemDir.resolve(MediaFiles.FRAME_MAP), map.toBytes());
        System.out.println("seek: making the seek proxy of " + map.frameCount() + " frames...");
        long t0 = System.nanoTime();
        SeekProxyTranscoder.Result proxy = new SeekProxyTranscoder()
                .transcode(original, map, itemDir.resolve(MediaFiles.SEEK_PROXY), q -> {}, new Cancellation());
        double makeSeconds = (System.nanoTime() - t0) / 1e9;
        Stills.write(
                itemDir.resolve(MediaFiles.SEEK_PROXY_FRAME_MAP),
                proxy.frameMap().toBytes());
        ReadyVideo.register(
                dataDir,
                id,
                "seek-60s.mp4",
                original,
                map,
                false,
                true,
                RenditionKind.SEEK_PROXY,
                MediaFiles.SEEK_PROXY);
        return new Prepared(id, Files.size(source), proxy.bytes(), proxy.width(), proxy.height(), makeSeconds);
    }

    /** The 60 s 1080p GOP-250 B-frame source with frame codes, made once and kept. */
    Path source() throws IOException {
        return StepBench.source(work, "seek-source-60s-1080p-gop250.mp4", 1920, 1080, FRAMES, "veryfast");
    }
}
