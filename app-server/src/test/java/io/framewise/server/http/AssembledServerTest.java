package io.framewise.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.Feature;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.javalin.config.JavalinState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server exactly as {@code framewise server} assembles it: every route documented, and the path
 * from an upload to a frame-exact still and a note on that frame.
 */
class AssembledServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    private FramewiseServer start(Feature... extra) {
        return FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1), extra);
    }

    @Test
    void everyRouteOfTheAssembledServerIsDocumented() throws Exception {
        AtomicReference<JavalinState> state = new AtomicReference<>();
        try (FramewiseServer server = start(cfg -> state.set(cfg.unsafe))) {
            JsonNode doc = get(server, "/api/openapi.json");
            assertEquals(List.of(), OpenApiFeatureTest.undocumented(state.get(), doc.get("paths")));
            assertTrue(OpenApiFeatureTest.routeCount(state.get()) >= 20);
        }
    }

    @Test
    void uploadToFrameExactStillAndNote() throws Exception {
        try (FramewiseServer server = start()) {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/media?filename=df.mp4"))
                            .POST(HttpRequest.BodyPublishers.ofFile(TestMedia.get(Variant.H264_2997_DF)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String id = JSON.readTree(created.body()).get("id").asText();

            JsonNode media = awaitReady(server, id);
            assertEquals(150, media.get("frameCount").asInt());
            assertEquals("01:00:00;00", media.get("startTimecode").asText());

            HttpResponse<byte[]> still = http.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/media/" + id + "/frames/77"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, still.statusCode());
            assertEquals(77, FrameCode.read(still.body()));

            HttpResponse<String> note = http.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/media/" + id + "/comments"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"too dark\",\"frame\":77}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, note.statusCode(), note.body());
            JsonNode notes = get(server, "/api/media/" + id + "/comments").get("items");
            assertEquals(1, notes.size());
            assertEquals(77, notes.get(0).get("frame").asInt());
        }
    }

    @Test
    void dataSurvivesARestartOnTheSameFolder() throws Exception {
        String id;
        try (FramewiseServer server = start()) {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/media?filename=ts.ts"))
                            .POST(HttpRequest.BodyPublishers.ofFile(TestMedia.get(Variant.MPEG_TS)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            id = JSON.readTree(created.body()).get("id").asText();
            awaitReady(server, id);
        }
        try (FramewiseServer server = start()) {
            assertEquals("ready", get(server, "/api/media/" + id).get("status").asText());
            assertEquals(100, get(server, "/api/media/" + id).get("frameCount").asInt());
        }
    }

    private JsonNode awaitReady(FramewiseServer server, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode media = get(server, "/api/media/" + id);
            String status = media.get("status").asText();
            if (status.equals("ready")) {
                return media;
            }
            assertTrue(!status.equals("failed"), "processing failed: " + media);
            assertTrue(System.nanoTime() < deadline, "not ready in time: " + media);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private JsonNode get(FramewiseServer server, String path) throws Exception {
        URI uri = server.baseUri().resolve(path);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
