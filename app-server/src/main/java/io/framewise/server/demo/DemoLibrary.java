package io.framewise.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.ffmpeg.BundledTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's sample library: a 29.97 drop-frame clip with a start timecode, a 24 fps clip that gets
 * notes and drawings, a ProRes clip that needs a proxy, and an audio file. The media are made with the
 * bundled ffmpeg executable once and kept in a cache folder; they enter the library through the
 * server's own HTTP API, as a user's uploads would.
 */
public final class DemoLibrary {

    /** One sample: file name, ffmpeg inputs and output options. */
    private record Sample(String name, List<String> args) {}

    private static final List<Sample> SAMPLES = List.of(
            new Sample(
                    "Harbour 29.97 DF.mp4",
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "testsrc2=size=1280x720:rate=30000/1001,trim=end_frame=300",
                            "-f",
                            "lavfi",
                            "-i",
                            "sine=frequency=330:sample_rate=48000:duration=10.01",
                            "-map",
                            "0:v",
                            "-map",
                            "1:a",
                            "-c:v",
                            "libx264",
                            "-preset",
                            "veryfast",
                            "-pix_fmt",
                            "yuv420p",
                            "-c:a",
                            "aac",
                            "-timecode",
                            "01:00:00;00",
                            "-shortest",
                            "-f",
                            "mp4")),
            new Sample(
                    "Interview 24fps.mp4",
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "mandelbrot=size=1280x720:rate=24,trim=end_frame=192,format=yuv420p",
                            "-f",
                            "lavfi",
                            "-i",
                            "sine=frequency=220:sample_rate=48000:duration=8",
                            "-map",
                            "0:v",
                            "-map",
                            "1:a",
                            "-c:v",
                            "libx264",
                            "-preset",
                            "veryfast",
                            "-c:a",
                            "aac",
                            "-timecode",
                            "10:00:00:00",
                            "-shortest",
                            "-f",
                            "mp4")),
            new Sample(
                    "Grade 23.976 ProRes.mov",
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "smptehdbars=size=960x540:rate=24000/1001,trim=end_frame=96",
                            "-c:v",
                            "prores_ks",
                            "-profile:v",
                            "2",
                            "-pix_fmt",
                            "yuv422p10le",
                            "-timecode",
                            "00:59:58:00",
                            "-f",
                            "mov")),
            new Sample(
                    "Room tone.m4a",
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "anoisesrc=color=pink:amplitude=0.2:sample_rate=48000:duration=6",
                            "-ac",
                            "2",
                            "-c:a",
                            "aac",
                            "-f",
                            "mp4")));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path cache;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private volatile String bearer;
    private final Map<String, String> assets = new LinkedHashMap<>();

    public DemoLibrary(Path cache) {
        this.cache = cache;
    }

    /** Makes the sample files that are not in the cache yet; returns them all. */
    public List<Path> samples() {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(cache);
            for (Sample s : SAMPLES) {
                Path file = cache.resolve(s.name());
                if (!Files.isRegularFile(file)) {
                    Path tmp = cache.resolve(".tmp-" + s.name());
                    List<String> args =
                            new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
                    args.addAll(s.args());
                    args.add(tmp.toString());
                    run(BundledTools.processBuilder(BundledTools.ffmpeg(), args), s.name());
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                }
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * The asset each sample was filed as by the last {@link #load}, by file name: the review page's
     * address ({@code /review/<asset>}) names the asset, not the media item.
     */
    public Map<String, String> assetIds() {
        return Map.copyOf(assets);
    }

    /** Uploads the samples to the server at {@code base}, waits until they are processed, adds notes. */
    public Map<String, String> load(URI base, Duration timeout) {
        return load(base, timeout, null);
    }

    /**
     * As {@link #load(URI, Duration)}, as the owner of {@code bearerToken} (a server with accounts);
     * null for a server in auth mode none.
     */
    public Map<String, String> load(URI base, Duration timeout, String bearerToken) {
        this.bearer = bearerToken;
        Map<String, String> ids = new LinkedHashMap<>();
        assets.clear();
        for (Path file : samples()) {
            String name = file.getFileName().toString();
            JsonNode created =
                    send(base, "POST", "/api/media?filename=" + name.replace(" ", "%20"), upload(file), null);
            ids.put(name, created.get("id").asText());
        }
        for (String id : ids.values()) {
            awaitProcessed(base, id, timeout);
        }
        for (Map.Entry<String, String> e : ids.entrySet()) {
            String title = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            String asset = send(
                            base,
                            "POST",
                            "/api/assets",
                            HttpRequest.BodyPublishers.ofString(
                                    "{\"title\":\"" + title + "\",\"mediaId\":\"" + e.getValue() + "\"}"),
                            "application/json")
                    .get("id")
                    .asText();
            assets.put(e.getKey(), asset);
            if (title.startsWith("Harbour")) {
                send(
                        base,
                        "PUT",
                        "/api/assets/" + asset + "/versions/1/approval",
                        HttpRequest.BodyPublishers.ofString("{\"status\":\"approved\"}"),
                        "application/json");
            }
        }
        addNotes(base, ids.get("Interview 24fps.mp4"));
        return ids;
    }

    private void addNotes(URI base, String id) {
        String first = note(
                base,
                id,
                """
                {"text":"Hold here: the spiral should be centred before the cut.","frame":24,
                 "drawing":{"schema":1,"shapes":[
                   {"type":"ellipse","color":"#ffcc00","width":0.006,"points":[[0.38,0.3],[0.62,0.7]]},
                   {"type":"arrow","color":"#ffcc00","width":0.006,"points":[[0.15,0.85],[0.37,0.62]]}]}}""");
        note(base, id, "{\"text\":\"Agreed, I'll reframe in the next version.\",\"parentId\":\"" + first + "\"}");
        note(
                base,
                id,
                """
                {"text":"Colour drifts warm over this range.","frame":96,"frameOut":144,
                 "drawing":{"schema":1,"shapes":[
                   {"type":"rect","color":"#ff3b30","width":0.004,"points":[[0.05,0.05],[0.45,0.4]]},
                   {"type":"text","color":"#ff3b30","width":0.004,"points":[[0.06,0.46]],"text":"too warm"}]}}""");
        String last = note(
                base,
                id,
                """
                {"text":"Lovely detail at the edge.","frame":170,
                 "drawing":{"schema":1,"shapes":[
                   {"type":"pen","color":"#34c759","width":0.005,
                    "points":[[0.7,0.2],[0.74,0.24],[0.79,0.23],[0.83,0.28],[0.86,0.27]]}]}}""");
        send(
                base,
                "PATCH",
                "/api/comments/" + last,
                HttpRequest.BodyPublishers.ofString("{\"resolved\":true}"),
                "application/json");
    }

    private String note(URI base, String media, String body) {
        return send(
                        base,
                        "POST",
                        "/api/media/" + media + "/comments",
                        HttpRequest.BodyPublishers.ofString(body),
                        "application/json")
                .get("id")
                .asText();
    }

    private void awaitProcessed(URI base, String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode media = send(base, "GET", "/api/media/" + id, HttpRequest.BodyPublishers.noBody(), null);
            String status = media.get("status").asText();
            if (!status.equals("processing")) {
                if (status.equals("failed")) {
                    throw new IllegalStateException(
                            "demo media " + media.get("name").asText() + " failed: "
                                    + media.get("error").asText());
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("demo media "
                        + media.get("name").asText() + " still processing after " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private JsonNode send(URI base, String method, String path, HttpRequest.BodyPublisher body, String type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, body);
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the demo library", e);
        }
    }

    private static HttpRequest.BodyPublisher upload(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException("demo sample missing: " + file, e);
        }
    }

    private static void run(ProcessBuilder pb, String what) {
        try {
            BundledTools.runToCompletion(pb, Duration.ofMinutes(5));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("making the demo sample " + what + " failed: " + e.getMessage(), e);
        }
    }
}
