package io.framewise.server.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Assets with version stacks and per-version approval, through the assembled server. */
class LibraryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    record Answer(int status, JsonNode body) {}

    private Answer call(FramewiseServer s, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.baseUri().resolve(path));
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    private String upload(FramewiseServer s, Variant v) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(s.baseUri().resolve("/api/media?filename=" + v.fileName()))
                        .POST(HttpRequest.BodyPublishers.ofFile(TestMedia.get(v)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("id").asText();
    }

    @Test
    void versionStackWithApprovals() throws Exception {
        try (FramewiseServer s =
                FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1))) {
            String v1 = upload(s, Variant.MPEG_TS);
            String v2 = upload(s, Variant.H264_LONG_GOP);

            Answer asset = call(s, "POST", "/api/assets", "{\"title\":\"Opening\",\"mediaId\":\"" + v1 + "\"}");
            assertEquals(201, asset.status(), String.valueOf(asset.body()));
            String id = asset.body().get("id").asText();
            assertEquals(1, asset.body().get("versionCount").asInt());
            assertEquals(
                    "needs_review",
                    asset.body().at("/versions/0/approval/status").asText());

            Answer second = call(s, "POST", "/api/assets/" + id + "/versions", "{\"mediaId\":\"" + v2 + "\"}");
            assertEquals(201, second.status());
            assertEquals(2, second.body().get("number").asInt());
            assertEquals(
                    409,
                    call(s, "POST", "/api/assets/" + id + "/versions", "{\"mediaId\":\"" + v2 + "\"}")
                            .status());

            Answer approved = call(s, "PUT", "/api/assets/" + id + "/versions/2/approval", "{\"status\":\"approved\"}");
            assertEquals(200, approved.status(), String.valueOf(approved.body()));
            assertEquals("approved", approved.body().at("/approval/status").asText());
            assertTrue(approved.body().at("/approval/by").isTextual());
            assertTrue(approved.body().at("/approval/at").isTextual());

            JsonNode got = call(s, "GET", "/api/assets/" + id, null).body();
            assertEquals("needs_review", got.at("/versions/0/approval/status").asText());
            assertEquals("approved", got.at("/versions/1/approval/status").asText());

            // The uploads made the uploader's home too (ADR 0049): the default project is found by name.
            JsonNode library = null;
            for (JsonNode p : call(s, "GET", "/api/projects", null).body()) {
                if (p.get("name").asText().equals("Library")) {
                    library = p;
                }
            }
            assertNotNull(library, "the default project exists");
            JsonNode listed = call(
                            s, "GET", "/api/projects/" + library.get("id").asText() + "/assets", null)
                    .body();
            assertEquals(1, listed.size());
        }
    }

    @Test
    void badRequestsAreNamed() throws Exception {
        try (FramewiseServer s =
                FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1))) {
            Answer noMedia = call(s, "POST", "/api/assets", "{\"title\":\"x\",\"mediaId\":\"nope\"}");
            assertEquals(422, noMedia.status());
            assertEquals("mediaId", noMedia.body().at("/error/details/field").asText());
            assertEquals(400, call(s, "POST", "/api/assets", "{\"title\":").status());
            assertEquals(
                    400,
                    call(s, "POST", "/api/assets", "{\"title\":\"x\",\"mediaId\":\"a\",\"extra\":1}")
                            .status());
            assertEquals(404, call(s, "GET", "/api/assets/unknown", null).status());
            String media = upload(s, Variant.MPEG_TS);
            String id = call(s, "POST", "/api/assets", "{\"title\":\"t\",\"mediaId\":\"" + media + "\"}")
                    .body()
                    .get("id")
                    .asText();
            Answer badStatus = call(s, "PUT", "/api/assets/" + id + "/versions/1/approval", "{\"status\":\"great\"}");
            assertEquals(422, badStatus.status());
            assertEquals(
                    404,
                    call(s, "PUT", "/api/assets/" + id + "/versions/7/approval", "{\"status\":\"approved\"}")
                            .status());
            assertEquals(
                    422, call(s, "POST", "/api/projects", "{\"name\":\"   \"}").status());
        }
    }
}
