package io.framewise.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client subscribed to an asset hears about the media of its versions. */
class AssetSubscriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private JsonNode post(FramewiseServer s, String path, HttpRequest.BodyPublisher body, boolean json)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(s.baseUri().resolve(path)).POST(body);
        if (json) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private void awaitReady(FramewiseServer s, String media) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(s.baseUri().resolve("/api/media/" + media))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if ("ready".equals(JSON.readTree(r.body()).path("status").asText())) {
                return;
            }
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, "not ready: " + r.body());
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    @Test
    void noteOnAVersionReachesTheAssetsSubscribers() throws Exception {
        try (FramewiseServer s = FramewiseServer.start(
                        ServerConfig.defaults(data).withPort(0).withWorkers(1));
                WsTestClient client = new WsTestClient(http, s.port(), "Ann")) {
            String media = post(
                            s,
                            "/api/media?filename=ts.ts",
                            HttpRequest.BodyPublishers.ofFile(TestMedia.get(Variant.MPEG_TS)),
                            false)
                    .get("id")
                    .asText();
            String asset = post(
                            s,
                            "/api/assets",
                            HttpRequest.BodyPublishers.ofString(
                                    "{\"title\":\"Opening\",\"mediaId\":\"" + media + "\"}"),
                            true)
                    .get("id")
                    .asText();
            client.send("subscribe", "scope", "asset", "id", asset);
            client.await("subscribed", m -> asset.equals(m.path("id").asText()));
            awaitReady(s, media);
            post(
                    s,
                    "/api/media/" + media + "/comments",
                    HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\",\"frame\":3}"),
                    true);
            JsonNode note = client.await("note.event");
            assertEquals(asset, note.path("asset").asText(), note.toString());
            assertEquals(media, note.path("media").asText(), note.toString());
        }
    }
}
