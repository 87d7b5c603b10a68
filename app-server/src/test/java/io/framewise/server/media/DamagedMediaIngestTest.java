package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzed media through the real server: small valid files made with the bundled ffmpeg, cut short
 * and with bits flipped in their middle (fixed seed), are uploaded; each must end either {@code
 * failed} with a reason or {@code ready} with its first and last frames served as pictures of the
 * item's size (audio: its stream served). The undamaged files all become ready.
 */
class DamagedMediaIngestTest {

    static final long SEED = 0x0028_2026L;
    static final Duration ALL_DONE = Duration.ofMinutes(4);

    @TempDir
    Path data;

    @TempDir
    Path work;

    @Test
    void damagedFilesEndFailedWithAReasonOrReadyWithFramesThatDecode() throws Exception {
        Map<String, Path> sources = sources();
        Map<String, Path> corpus = new LinkedHashMap<>();
        Random random = new Random(SEED);
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            byte[] bytes = Files.readAllBytes(source.getValue());
            String name = source.getKey();
            for (double cut : new double[] {0.3, 0.6, 0.9}) {
                corpus.put(
                        "cut-" + (int) (cut * 100) + "-" + name,
                        write("cut-" + (int) (cut * 100) + "-" + name, Arrays.copyOf(bytes, (int)
                                (bytes.length * cut))));
            }
            for (int n = 0; n < 3; n++) {
                byte[] flipped = bytes.clone();
                // In the middle: headers at the very start (and an index at the end) fail at the probe anyway.
                int from = flipped.length / 5;
                int span = Math.max(1, flipped.length * 3 / 5);
                for (int i = 0; i < 24; i++) {
                    int at = from + random.nextInt(span);
                    flipped[at] ^= (byte) (1 << random.nextInt(8));
                }
                corpus.put("flipped-" + n + "-" + name, write("flipped-" + n + "-" + name, flipped));
            }
        }

        try (MediaServer server = new MediaServer(data, MediaServer.fast())) {
            Map<String, String> ids = new LinkedHashMap<>();
            for (Map.Entry<String, Path> s : sources.entrySet()) {
                ids.put(
                        "good-" + s.getKey(),
                        server.uploadRaw(s.getValue(), s.getKey()).path("id").asText());
            }
            for (Map.Entry<String, Path> f : corpus.entrySet()) {
                ids.put(
                        f.getKey(),
                        server.uploadRaw(f.getValue(), f.getKey()).path("id").asText());
            }
            Map<String, JsonNode> ended = awaitAllDone(server, ids);

            List<String> failed = new ArrayList<>();
            List<String> ready = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : ended.entrySet()) {
                String name = e.getKey();
                JsonNode item = e.getValue();
                if (name.startsWith("good-")) {
                    assertEquals("ready", item.path("status").asText(), name + ": " + item);
                }
                if (item.path("status").asText().equals("failed")) {
                    String reason = item.path("error").asText();
                    assertFalse(reason.isBlank(), name + " failed without a reason");
                    assertFalse(
                            reason.contains(data.toString()), name + ": the reason shows no server path: " + reason);
                    assertFalse(reason.contains("Exception"), name + ": a reason, not a stack trace: " + reason);
                    failed.add(name + ": " + reason);
                } else {
                    servesItsEnds(server, name, item);
                    ready.add(name);
                }
            }
            System.out.println("Damaged media: " + ready.size() + " ready, " + failed.size() + " failed");
            failed.forEach(f -> System.out.println("  failed " + f));
            assertTrue(
                    failed.stream().anyMatch(f -> f.contains("cannot be decoded")),
                    "a file whose frames do not decode is named so: " + failed);
        }
    }

    /** Ready means: the first and last frames are pictures of the item's size; audio streams. */
    private static void servesItsEnds(MediaServer server, String name, JsonNode item) throws Exception {
        String id = item.path("id").asText();
        long frames = item.path("frameCount").asLong(0);
        if (frames == 0) {
            assertTrue(item.path("hasAudio").asBoolean(), name + " is ready with neither frames nor sound: " + item);
            HttpResponse<byte[]> stream = server.get("/api/media/" + id + "/stream", "Range", "bytes=0-1023");
            assertTrue(
                    stream.statusCode() == 200 || stream.statusCode() == 206, name + ": stream " + stream.statusCode());
            return;
        }
        for (long n : new long[] {0, frames - 1}) {
            HttpResponse<byte[]> still = server.get("/api/media/" + id + "/frames/" + n + "?format=png");
            assertEquals(
                    200,
                    still.statusCode(),
                    () -> name + " is ready but frame " + n + " answered " + still.statusCode() + " "
                            + new String(still.body()));
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(still.body()));
            assertNotNull(picture, name + ": frame " + n + " is a PNG");
            assertEquals(item.path("width").asInt(), picture.getWidth(), name + ": frame " + n + " width");
            assertEquals(item.path("height").asInt(), picture.getHeight(), name + ": frame " + n + " height");
        }
    }

    private static Map<String, JsonNode> awaitAllDone(MediaServer server, Map<String, String> ids)
            throws IOException, InterruptedException {
        Map<String, JsonNode> ended = new LinkedHashMap<>();
        long end = System.nanoTime() + ALL_DONE.toNanos();
        while (ended.size() < ids.size()) {
            for (Map.Entry<String, String> e : ids.entrySet()) {
                if (!ended.containsKey(e.getKey())) {
                    JsonNode item = server.json("/api/media/" + e.getValue());
                    if (!item.path("status").asText().equals("processing")) {
                        ended.put(e.getKey(), item);
                    }
                }
            }
            if (ended.size() < ids.size()) {
                if (System.nanoTime() > end) {
                    List<String> pending = new ArrayList<>(ids.keySet());
                    pending.removeAll(ended.keySet());
                    fail("still processing after " + ALL_DONE.toSeconds() + " s: " + pending);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        return ended;
    }

    /** Small valid files of the kinds people upload, made with the bundled ffmpeg. */
    private Map<String, Path> sources() {
        Map<String, Path> out = new LinkedHashMap<>();
        String video = "testsrc2=size=320x240:rate=25,trim=end_frame=40,format=yuv420p";
        out.put(
                "h264.mp4",
                make(
                        "h264.mp4",
                        lavfi(video),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-g",
                        "10",
                        "-movflags",
                        "+faststart"));
        out.put(
                "vp9.webm",
                make(
                        "vp9.webm",
                        lavfi(video),
                        "-c:v",
                        "libvpx-vp9",
                        "-deadline",
                        "realtime",
                        "-cpu-used",
                        "8",
                        "-g",
                        "10",
                        "-b:v",
                        "300k"));
        out.put(
                "h264.ts",
                make("h264.ts", lavfi(video), "-c:v", "libx264", "-preset", "veryfast", "-g", "10", "-f", "mpegts"));
        String picture = "testsrc2=size=320x240:rate=1,trim=end_frame=1,format=rgb24";
        out.put("still.png", make("still.png", lavfi(picture), "-frames:v", "1", "-c:v", "png", "-f", "image2"));
        out.put(
                "still.jpg",
                make(
                        "still.jpg",
                        lavfi(picture.replace("rgb24", "yuvj420p")),
                        "-frames:v",
                        "1",
                        "-c:v",
                        "mjpeg",
                        "-f",
                        "image2"));
        out.put(
                "tone.wav",
                make("tone.wav", lavfi("sine=frequency=440:sample_rate=48000:duration=3"), "-c:a", "pcm_s16le"));
        return out;
    }

    private Path make(String name, List<String> inputs, String... output) {
        Path file = work.resolve(name);
        List<String> args = new ArrayList<>(List.of(output));
        args.add(file.toString());
        TestMedia.run(inputs, args.toArray(String[]::new));
        return file;
    }

    private static List<String> lavfi(String graph) {
        return List.of("-f", "lavfi", "-i", graph);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = work.resolve("damaged").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }
}
