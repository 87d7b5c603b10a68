package io.framewise.server.interchange.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.testing.MediaReady;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server with media made by the bundled ffmpeg at the EDL's rate and start timecode (24 fps
 * from 00:59:50:00, as the screening EDL was cut): the probe's timecode and rate place the locators,
 * the EDL and its OTIO conversion land on the same frames, and the second file adds nothing.
 */
class NoteImportRealMediaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void screeningLocatorsLandOnTheFramesOfGeneratedMedia() throws Exception {
        Path movie = data.resolve("screening.mp4");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=24:duration=27"),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-timecode",
                "00:59:50:00",
                "-f",
                "mp4",
                movie.toString());
        try (FramewiseServer server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2))) {
            HttpResponse<String> uploaded = HTTP.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/media?filename=screening.mp4"))
                            .POST(HttpRequest.BodyPublishers.ofFile(movie))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            String id = JSON.readTree(uploaded.body()).get("id").asText();
            JsonNode ready = MediaReady.await(
                    id,
                    () -> JSON.readTree(HTTP.send(
                                    HttpRequest.newBuilder(server.baseUri().resolve("/api/media/" + id))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body()));
            assertEquals("00:59:50:00", ready.get("startTimecode").asText());
            assertEquals("24/1", ready.get("frameRate").asText());

            JsonNode edl = post(server, id, "edl/screening_example.edl");
            assertEquals(
                    List.of("278 red ANIM FIX NEEDED", "302 pink ANIM FIX NEEDED", "613 green Marker"),
                    ImportFiles.summary(edl.get("notes")));
            JsonNode otio = post(server, id, "otio/screening_example.otio");
            assertEquals(0, otio.get("created").asInt());
            assertEquals(3, otio.get("existing").asInt());
        }
    }

    private static JsonNode post(FramewiseServer server, String id, String file) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/api/media/" + id + "/edl"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(ImportFiles.file(file))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
