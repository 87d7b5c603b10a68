package io.framewise.server.bench;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.hls.HlsLadder;
import io.framewise.media.hls.HlsSettings;
import io.framewise.server.db.Ids;
import io.framewise.server.media.RenditionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Time from opening the review page to the first frame for a 1-hour 1080p media, over its HLS ladder
 * against its MP4 original, on a link throttled to 20 Mbit/s by a token bucket in this client.
 *
 * <p>What each side fetches is what the players fetch before they can show a frame: the media item's
 * JSON, then for HLS the master playlist, the lowest rung's playlist, init segment and first segment
 * (hls.js starts on the lowest rung when its default bandwidth estimate is below every rung, as here),
 * and for the MP4 every byte from the start of the file to the end of the first video frame (a
 * faststart file: the moov box with its sample tables, then the first frame). The first frame is then
 * decoded from exactly those bytes with the bundled ffmpeg, the same way for both.
 *
 * <p>The source is made once and kept in the work folder: 60 s of {@code testsrc2} 1920x1080 at 25 fps
 * with a 440 Hz tone, x264 {@code superfast} at 8 Mbit/s (GOP 50), repeated 60 times by stream copy
 * (concat demuxer, {@code -movflags +faststart}): a real 1-hour file in minutes instead of an hour of
 * encoding on two cores. Its ladder is made by the engine with the server's settings, except the x264
 * preset, {@code -Dframewise.hlsPreset} (default {@code veryfast}, the server's own).
 */
final class HlsBench {

    static final long LINK_BITS_PER_SECOND = 20_000_000L;
    static final int MINUTES = Integer.getInteger("framewise.hlsMinutes", 60);
    static final int RUNS = 5;

    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    HlsBench(Path work) {
        this.work = work;
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        Path dataDir = work.resolve("hls-library");
        Path idFile = work.resolve("hls-library.id");
        String id;
        if (Files.isRegularFile(idFile) && Files.isDirectory(dataDir)) {
            id = Files.readString(idFile).strip();
            System.out.println("hls: reusing the library with its ladder in " + dataDir);
        } else {
            ServerBench.deleteTree(dataDir);
            id = prepare(source(), dataDir);
            Files.writeString(idFile, id);
        }
        try (ServerProcess server = ServerProcess.start(dataDir, "1g", work.resolve("hls-server.log"))) {
            Samples hls = new Samples();
            Samples mp4 = new Samples();
            long[] bytes = new long[2];
            for (int i = 0; i < RUNS; i++) {
                Throttle t1 = new Throttle(LINK_BITS_PER_SECOND);
                long t0 = System.nanoTime();
                bytes[0] = firstFrameOverHls(server, id, t1);
                hls.add((System.nanoTime() - t0) / 1e6);
                Throttle t2 = new Throttle(LINK_BITS_PER_SECOND);
                t0 = System.nanoTime();
                bytes[1] = firstFrameOverMp4(server, id, t2);
                mp4.add((System.nanoTime() - t0) / 1e6);
            }
            System.out.printf(
                    Locale.ROOT,
                    "hls: first frame over HLS %.0f ms (%d bytes), over the MP4 %.0f ms (%d bytes), medians of %d%n",
                    hls.percentile(50),
                    bytes[0],
                    mp4.percentile(50),
                    bytes[1],
                    RUNS);
            rows.add(new ServerBench.Row(
                    "open the review page to first frame, " + MINUTES + " min 1080p, 20 Mbit/s link, median of " + RUNS
                            + " (HLS ladder vs MP4 original)",
                    String.format(Locale.ROOT, "%.0f ms (%.1f MB)", hls.percentile(50), bytes[0] / 1e6),
                    String.format(Locale.ROOT, "%.0f ms (%.1f MB)", mp4.percentile(50), bytes[1] / 1e6),
                    String.format(Locale.ROOT, "%.1fx faster", mp4.percentile(50) / hls.percentile(50)),
                    "-"));
        }
    }

    private long firstFrameOverHls(ServerProcess server, String id, Throttle link) throws Exception {
        long total = fetch(server, "/api/media/" + id, link, null);
        Path master = work.resolve("hls-master.m3u8");
        total += fetch(server, "/api/media/" + id + "/hls/master.m3u8", link, master);
        List<String> lines = Files.readAllLines(master, StandardCharsets.UTF_8);
        String lowest = null;
        long lowestBandwidth = Long.MAX_VALUE;
        for (int i = 0; i + 1 < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#EXT-X-STREAM-INF:")) {
                long bw = Long.parseLong(l.replaceAll(".*[:,]BANDWIDTH=(\\d+).*", "$1"));
                if (bw < lowestBandwidth) {
                    lowestBandwidth = bw;
                    lowest = lines.get(i + 1).strip();
                }
            }
        }
        String rung = lowest.substring(0, lowest.indexOf('/'));
        String base = "/api/media/" + id + "/hls/" + rung + "/";
        Path playlist = work.resolve("hls-rung.m3u8");
        total += fetch(server, base + "index.m3u8", link, playlist);
        String first = Files.readAllLines(playlist, StandardCharsets.UTF_8).stream()
                .filter(l -> l.endsWith(".m4s"))
                .findFirst()
                .orElseThrow();
        Path start = work.resolve("hls-start.mp4");
        Path init = work.resolve("hls-init.mp4");
        Path segment = work.resolve("hls-seg.m4s");
        total += fetch(server, base + "init.mp4", link, init);
        total += fetch(server, base + first, link, segment);
        try (OutputStream out = Files.newOutputStream(start)) {
            Files.copy(init, out);
            Files.copy(segment, out);
        }
        decodeFirstFrame(start);
        return total;
    }

    private long firstFrameOverMp4(ServerProcess server, String id, Throttle link) throws Exception {
        long total = fetch(server, "/api/media/" + id, link, null);
        Path prefix = work.resolve("mp4-prefix.mp4");
        long needed = Long.parseLong(
                Files.readString(work.resolve("hls-source.prefix")).strip());
        total += fetchRange(server, "/api/media/" + id + "/stream", needed, link, prefix);
        decodeFirstFrame(prefix);
        return total;
    }

    private long fetch(ServerProcess server, String path, Throttle link, Path to) throws Exception {
        HttpResponse<InputStream> r =
                http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IOException(path + " answered " + r.statusCode());
        }
        return copy(r.body(), link, to, Long.MAX_VALUE);
    }

    private long fetchRange(ServerProcess server, String path, long bytes, Throttle link, Path to) throws Exception {
        HttpResponse<InputStream> r = http.send(
                HttpRequest.newBuilder(server.uri(path))
                        .header("Range", "bytes=0-" + (bytes - 1))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 206) {
            throw new IOException(path + " answered " + r.statusCode());
        }
        return copy(r.body(), link, to, bytes);
    }

    private static long copy(InputStream in, Throttle link, Path to, long max) throws IOException {
        long n = 0;
        try (InputStream body = in;
                OutputStream out = to == null ? OutputStream.nullOutputStream() : Files.newOutputStream(to)) {
            byte[] buf = new byte[16 * 1024];
            for (int r; n < max && (r = body.read(buf, 0, (int) Math.min(buf.length, max - n))) > 0; ) {
                link.take(r);
                out.write(buf, 0, r);
                n += r;
            }
        }
        return n;
    }

    private static void decodeFirstFrame(Path file) {
        BundledTools.runToCompletion(
                BundledTools.processBuilder(
                        BundledTools.ffmpeg(),
                        List.of(
                                "-hide_banner",
                                "-nostdin",
                                "-loglevel",
                                "error",
                                "-i",
                                file.toString(),
                                "-map",
                                "0:v:0",
                                "-frames:v",
                                "1",
                                "-f",
                                "null",
                                "-")),
                Duration.ofMinutes(1));
    }

    /** A token bucket: bytes pass at the link's rate, with no burst beyond 16 KiB. */
    static final class Throttle {
        private final double bytesPerNano;
        private long next = System.nanoTime();

        Throttle(long bitsPerSecond) {
            this.bytesPerNano = bitsPerSecond / 8.0 / 1e9;
        }

        void take(int bytes) {
            long now = System.nanoTime();
            next = Math.max(next, now) + (long) (bytes / bytesPerNano);
            long wait = next - now;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** The 1-hour 1080p source (made once), and how many of its bytes hold the moov and the first frame. */
    private Path source() throws IOException {
        Path dir = work.resolve("hls-source");
        Path out = dir.resolve("source-" + MINUTES + "min-1080p.mp4");
        if (Files.isRegularFile(out)) {
            return out;
        }
        Files.createDirectories(dir);
        Path piece = dir.resolve("piece-60s.mp4");
        System.out.println("hls: encoding 60 s of 1080p...");
        ffmpeg(List.of(
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=1920x1080:rate=25,trim=end_frame=1500",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000:duration=60",
                "-c:v",
                "libx264",
                "-preset",
                "superfast",
                "-b:v",
                "8M",
                "-maxrate",
                "10M",
                "-bufsize",
                "16M",
                "-g",
                "50",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-b:a",
                "128k",
                "-shortest",
                piece.toString()));
        Path list = dir.resolve("concat.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < MINUTES; i++) {
            text.append("file '").append(piece.getFileName()).append("'\n");
        }
        Files.writeString(list, text);
        Path tmp = dir.resolve("tmp-" + out.getFileName());
        System.out.println("hls: repeating it to " + MINUTES + " min by stream copy...");
        ffmpeg(List.of(
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                list.toString(),
                "-c",
                "copy",
                "-movflags",
                "+faststart",
                tmp.toString()));
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    private static void ffmpeg(List<String> args) {
        List<String> all = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        all.addAll(args);
        BundledTools.runToCompletion(BundledTools.processBuilder(BundledTools.ffmpeg(), all), Duration.ofHours(2));
    }

    /** A ready media item for {@code source} with its ladder, as processing leaves it. */
    private String prepare(Path source, Path dataDir) throws IOException {
        String id = Ids.newId();
        Path original = ReadyVideo.placeOriginal(dataDir, id, source);
        Path itemDir = original.getParent();
        FrameMap map = FrameMapBuilder.build(original);
        Files.writeString(work.resolve("hls-source.prefix"), Long.toString(firstFrameEnd(original)));
        HlsSettings settings = HlsSettings.DEFAULT.withPreset(System.getProperty("framewise.hlsPreset", "veryfast"));
        System.out.println(
                "hls: making the ladder (" + settings.preset() + ", " + map.frameCount() + " frames a rung)...");
        long t0 = System.nanoTime();
        new HlsLadder().write(original, map, itemDir.resolve("hls"), settings, progressPrinter(), new Cancellation());
        System.out.printf(Locale.ROOT, "hls: ladder made in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        ReadyVideo.register(dataDir, id, "one-hour.mp4", original, map, true, false, RenditionKind.HLS, "hls");
        return id;
    }

    private static Progress.Listener progressPrinter() {
        int[] last = {-1};
        return p -> {
            int pct = (int) (p.fraction() * 100);
            if (pct / 5 != last[0]) {
                last[0] = pct / 5;
                System.out.printf(Locale.ROOT, "hls: ladder %d%% (%.0f fps)%n", pct, p.framesPerSecond());
            }
        };
    }

    /** Where the first video frame's bytes end: a faststart player needs everything before. */
    private static long firstFrameEnd(Path file) throws IOException {
        ProcessBuilder pb = BundledTools.processBuilder(
                BundledTools.ffprobe(),
                List.of(
                        "-v",
                        "error",
                        "-select_streams",
                        "v:0",
                        "-show_entries",
                        "packet=pos,size",
                        "-read_intervals",
                        "%+#20",
                        "-of",
                        "csv=p=0",
                        file.toString()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String[] first = out.lines()
                .findFirst()
                .orElseThrow(() -> new IOException("no packet in " + file))
                .split(",");
        // csv order follows the entries asked: size then pos or pos then size; take both and add them.
        long a = Long.parseLong(first[0].strip());
        long b = Long.parseLong(first[1].strip());
        return a + b;
    }
}
