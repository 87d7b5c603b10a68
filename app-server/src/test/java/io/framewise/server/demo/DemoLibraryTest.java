package io.framewise.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.notes.Note;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo library loads through the real server: every sample processed, notes on the 24 fps clip. */
class DemoLibraryTest {

    @TempDir
    Path tmp;

    @Test
    void demoLibraryLoadsThroughTheApi() throws Exception {
        try (FramewiseServer server = FramewiseServer.start(
                ServerConfig.defaults(tmp.resolve("data")).withPort(0).withWorkers(2))) {
            DemoLibrary demo = new DemoLibrary(tmp.resolve("samples"));
            Map<String, String> ids = demo.load(server.baseUri(), Duration.ofMinutes(3));
            assertEquals(4, ids.size());
            for (String id : ids.values()) {
                MediaItem item = server.repositories().media().get(id).orElseThrow();
                assertEquals(MediaStatus.READY, item.status(), item.toString());
            }
            MediaItem df = server.repositories()
                    .media()
                    .get(ids.get("Harbour 29.97 DF.mp4"))
                    .orElseThrow();
            assertEquals("01:00:00;00", df.probeSummary().orElseThrow().startTimecode());

            List<Note> notes = server.repositories().notes().listByMedia(ids.get("Interview 24fps.mp4"));
            assertEquals(4, notes.size());
            assertTrue(notes.stream().anyMatch(n -> n.parentId() != null), "a reply");
            assertTrue(notes.stream().anyMatch(Note::resolved), "a resolved note");
            assertTrue(notes.stream().filter(n -> n.drawing() != null).count() >= 3, "drawings");

            // The review links the demo prints name assets that hold the sample's media.
            Map<String, String> assets = demo.assetIds();
            assertEquals(ids.keySet(), assets.keySet());
            for (Map.Entry<String, String> e : ids.entrySet()) {
                HttpResponse<String> asset = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                server.baseUri().resolve("/api/assets/" + assets.get(e.getKey())))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertEquals(200, asset.statusCode(), asset.body());
                assertTrue(asset.body().contains(e.getValue()), e.getKey() + " in " + asset.body());
            }
        }
    }
}
