package io.framewise.server.organizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** The REST calls organizer tests make, as the web UI makes them, and waiting with a deadline. */
final class OrganizerApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final FramewiseServer server;

    OrganizerApi(FramewiseServer server) {
        this.server = server;
    }

    record Answer(int status, JsonNode body) {}

    Answer call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path));
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    JsonNode ok(String method, String path, String json) throws Exception {
        Answer a = call(method, path, json);
        if (a.status() / 100 != 2) {
            fail(method + " " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    JsonNode get(String path) throws Exception {
        return ok("GET", path, null);
    }

    String upload(Variant v) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/api/media?filename=" + v.fileName()))
                        .POST(HttpRequest.BodyPublishers.ofFile(TestMedia.get(v)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** A project and an asset holding a freshly uploaded media item: {projectId, assetId, mediaId}. */
    String[] projectWithAsset(String projectName, String title) throws Exception {
        String project = ok("POST", "/api/projects", "{\"name\":\"" + projectName + "\"}")
                .get("id")
                .asText();
        String media = upload(Variant.MPEG_TS);
        String asset = ok(
                        "POST",
                        "/api/assets",
                        "{\"projectId\":\"" + project + "\",\"title\":\"" + title + "\",\"mediaId\":\"" + media + "\"}")
                .get("id")
                .asText();
        return new String[] {project, asset, media};
    }

    /** Polls {@code condition} until it is true or the deadline passes (then fails with the last value). */
    static <T> T await(String what, Duration timeout, Callable<T> probe, java.util.function.Predicate<T> done)
            throws Exception {
        Instant until = Instant.now().plus(timeout);
        T last = null;
        while (Instant.now().isBefore(until)) {
            last = probe.call();
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return fail("timed out waiting for " + what + "; last seen: " + last);
    }
}
