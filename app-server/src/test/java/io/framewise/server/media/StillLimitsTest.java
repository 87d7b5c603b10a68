package io.framewise.server.media;

import static io.framewise.server.media.MediaLibraryTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A viewer cannot make stills cost more than the source is worth, nor fill the disk with them:
 * widths past the source are served at the source's size, the stills cache keeps to its byte budget
 * (evicted stills come back right), and access-controlled media are never marked for shared caches.
 */
class StillLimitsTest {

    /** H.264 at 640x360 with audio: 250 frames, each carrying its index in the picture. */
    static final Variant SOURCE = Variant.H264_LONG_GOP;

    @TempDir
    Path data;

    @Test
    void aWidthPastTheSourceIsServedAtTheSourcesSize() throws Exception {
        try (MediaServer server = new MediaServer(data, MediaServer.fast())) {
            String id = ready(server);
            for (String query : new String[] {"width=1280", "width=7680", "width=640", ""}) {
                HttpResponse<byte[]> r = server.get("/api/media/" + id + "/frames/10?" + query);
                assertEquals(200, r.statusCode(), query);
                BufferedImage image = image(r);
                assertEquals(640, image.getWidth(), query);
                assertEquals(360, image.getHeight(), query);
                assertEquals(10, FrameCode.read(image), query);
                assertEquals("640", r.headers().firstValue("X-Still-Width").orElse(""), query);
            }
            // All of them are the one full-size still on disk: no upscaled copies.
            assertEquals(List.of("10-full.png"), names(stills(id)));
            // A cached file removed behind the server's back is made again, not a 404.
            Files.delete(stills(id).resolve("10-full.png"));
            HttpResponse<byte[]> remade = server.get("/api/media/" + id + "/frames/10?width=1280");
            assertEquals(200, remade.statusCode());
            assertEquals(10, FrameCode.read(remade.body()));

            HttpResponse<byte[]> small = server.get("/api/media/" + id + "/frames/11?width=320&format=jpg");
            assertEquals(320, image(small).getWidth());
            assertEquals(11, FrameCode.read(small.body()));
            assertEquals("320", small.headers().firstValue("X-Still-Width").orElse(""));

            // Nonsense stays a 400 with the error shape.
            for (String bad : new String[] {"7681", "100000", "8", "-640", "wide", "1e3"}) {
                assertError(server.get("/api/media/" + id + "/frames/10?width=" + bad), 400);
            }
        }
    }

    @Test
    void accessControlledMediaAreCachedPrivatelyOnly() throws Exception {
        try (MediaServer server = new MediaServer(data, MediaServer.fast())) {
            String id = ready(server);
            MediaServer.await(
                    "poster, sprites and waveform",
                    () -> status(server, id, "/poster") == 200
                            && status(server, id, "/sprites.json") == 200
                            && status(server, id, "/waveform.json") == 200);
            for (String suffix : new String[] {
                "/frames/3", "/frames/3?width=160&format=webp", "/stream", "/stream?rendition=original",
                "/poster", "/sprites", "/sprites.json", "/waveform.json"
            }) {
                HttpResponse<byte[]> r = server.get("/api/media/" + id + suffix);
                assertEquals(200, r.statusCode(), suffix);
                String cache = r.headers().firstValue("Cache-Control").orElse("");
                assertTrue(cache.startsWith("private"), suffix + ": " + cache);
                assertFalse(cache.contains("public"), suffix + ": " + cache);
            }
            String still = server.get("/api/media/" + id + "/frames/3")
                    .headers()
                    .firstValue("Cache-Control")
                    .orElse("");
            assertTrue(still.contains("max-age=") && still.contains("immutable"), still);
            // The poster is no larger than the source either.
            assertTrue(image(server.get("/api/media/" + id + "/poster")).getWidth() <= 640);
        }
    }

    @Test
    void theCacheKeepsToItsBudgetAndRemakesEvictedStills() throws Exception {
        long budget = 60_000;
        try (MediaServer server =
                MediaServer.configured(data, MediaServer.fast(), c -> c.withStillsCacheBytes(budget))) {
            String id = ready(server);
            int evictions = 0;
            for (int n = 0; n < 40; n += 2) {
                HttpResponse<byte[]> r = server.get("/api/media/" + id + "/frames/" + n + "?width=320");
                assertEquals(200, r.statusCode());
                assertEquals(n, FrameCode.read(r.body()), "frame " + n);
                long onDisk = bytes(stills(id));
                assertTrue(onDisk <= budget, "after frame " + n + " the stills take " + onDisk + " bytes");
                if (!Files.exists(stillFile(id, 0))) {
                    evictions++;
                }
            }
            assertTrue(evictions > 0, "twenty stills of ~20 kB must not fit in 60 kB");
            assertFalse(Files.exists(stillFile(id, 0)), "the least recently used still went first");
            assertTrue(Files.exists(stillFile(id, 38)), "the latest still is kept");

            // An evicted still is made again, and it is the right picture.
            HttpResponse<byte[]> again = server.get("/api/media/" + id + "/frames/0?width=320");
            assertEquals(200, again.statusCode());
            assertEquals(0, FrameCode.read(again.body()));
            assertEquals(320, image(again).getWidth());
            assertTrue(Files.exists(stillFile(id, 0)));
            assertTrue(bytes(stills(id)) <= budget);
        }
    }

    @Test
    void theOrderOfUseSurvivesARestartAndASmallerBudgetTrimsTheOldest() throws Exception {
        String id;
        try (MediaServer server = new MediaServer(data, MediaServer.fast())) {
            id = ready(server);
            // Every other frame: neighbouring frames would read as stepping, and the server would make
            // the stills ahead of them too (ADR 0054), which are not what this test counts.
            for (int n = 0; n < 20; n += 2) {
                assertEquals(
                        n,
                        FrameCode.read(server.get("/api/media/" + id + "/frames/" + n + "?width=320")
                                .body()));
            }
            // Frame 0 was made first but used last.
            assertEquals(
                    0,
                    FrameCode.read(server.get("/api/media/" + id + "/frames/0?width=320")
                            .body()));
        }
        long keepThree = Files.size(stillFile(id, 0)) + Files.size(stillFile(id, 18)) + Files.size(stillFile(id, 16));
        try (MediaServer server =
                MediaServer.configured(data, MediaServer.fast(), c -> c.withStillsCacheBytes(keepThree))) {
            assertEquals(keepThree, bytes(stills(id)), "trimmed at start to the three most recently used");
            for (int n = 0; n < 20; n += 2) {
                assertEquals(n == 0 || n == 16 || n == 18, Files.exists(stillFile(id, n)), "still of frame " + n);
            }
            HttpResponse<byte[]> remade = server.get("/api/media/" + id + "/frames/1?width=320");
            assertEquals(200, remade.statusCode());
            assertEquals(1, FrameCode.read(remade.body()));
            assertTrue(bytes(stills(id)) <= keepThree);
        }
    }

    @Test
    void concurrentViewersUnderATightBudgetEachGetTheirPicture() throws Exception {
        long budget = 50_000;
        try (MediaServer server =
                MediaServer.configured(data, MediaServer.fast(), c -> c.withStillsCacheBytes(budget))) {
            String id = ready(server);
            List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
            List<Integer> asked = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int n = 100; n < 112; n++) {
                    asked.add(n);
                    pending.add(server.http.sendAsync(
                            HttpRequest.newBuilder(
                                            server.uri("/api/media/" + id + "/frames/" + n + "?width=240&format=jpg"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray()));
                }
            }
            for (int k = 0; k < pending.size(); k++) {
                HttpResponse<byte[]> r = pending.get(k).join();
                int frame = asked.get(k);
                assertEquals(200, r.statusCode(), () -> "frame " + frame + ": " + new String(r.body()));
                assertEquals(frame, FrameCode.read(r.body()), "request " + k);
            }
            assertTrue(bytes(stills(id)) <= budget, "the stills take " + bytes(stills(id)) + " bytes");
        }
    }

    @Test
    void aVideoWithMoreFramesThanTheCapFailsWithTheReason() throws Exception {
        try (MediaServer server = new MediaServer(data, MediaServer.fast().withMaxFrames(100))) {
            JsonNode created = server.uploadRaw(TestMedia.get(SOURCE), "long.mp4");
            JsonNode item = server.awaitStatus(created.path("id").asText(), "failed");
            assertTrue(item.path("error").asText().contains("more than 100 frames"), item.toString());
        }
    }

    private static String ready(MediaServer server) throws Exception {
        String id =
                server.uploadRaw(TestMedia.get(SOURCE), "clip.mp4").path("id").asText();
        server.awaitStatus(id, "ready");
        return id;
    }

    private static int status(MediaServer server, String id, String suffix) {
        try {
            return server.get("/api/media/" + id + suffix).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BufferedImage image(HttpResponse<byte[]> r) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertTrue(
                image != null,
                "not an image: " + r.statusCode() + " " + r.headers().map());
        return image;
    }

    private Path stills(String id) {
        return data.resolve("media").resolve(id).resolve(MediaFiles.STILLS);
    }

    private Path stillFile(String id, int n) {
        return stills(id).resolve(n + "-320.png");
    }

    /** The finished stills in a folder (temporary files of writes in progress left out). */
    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        return files(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    private static long bytes(Path dir) throws IOException {
        long sum = 0;
        for (Path p : files(dir)) {
            try {
                sum += Files.size(p);
            } catch (NoSuchFileException evicted) {
                // Evicted between the listing and this look (stills made ahead are still being
                // written and evicted after the answers): it takes no room.
            }
        }
        return sum;
    }
}
