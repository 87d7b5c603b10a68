package io.framewise.server.interchange.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.NotesServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sends marker files to a test server's import route and reads the answers. */
final class ImportFiles {

    private ImportFiles() {}

    /** The shared interchange test files, read in place (never copied). */
    static Path file(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("testdata").resolve("interchange");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(relative);
            }
        }
        throw new IllegalStateException(
                "no shared/testdata/interchange above " + Path.of("").toAbsolutePath());
    }

    static HttpResponse<String> post(NotesServer server, String mediaId, String query, byte[] body, String type)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        server.uri("/api/media/" + mediaId + "/edl" + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return NotesServer.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
        return NotesServer.json(response);
    }

    /** "frame[-frameOut] colour text" for every note of an answer, in its order. */
    static List<String> summary(JsonNode notes) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : notes) {
            out.add(n.get("frame").asLong()
                    + (n.get("frameOut").isNull() ? "" : "-" + n.get("frameOut").asLong())
                    + " " + (n.get("colour").isNull() ? "-" : n.get("colour").asText())
                    + " " + n.get("text").asText());
        }
        return out;
    }
}
