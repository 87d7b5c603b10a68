package io.framewise.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request that finishes a resumable upload names the media item it became; earlier ones do not. */
class TusMediaIdTest {

    @TempDir
    Path data;

    @Test
    void theFinishingPatchAnswersWithTheMediaId() throws Exception {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 1, 1L << 20, 0);
        try (ServerApp app = ServerApp.start(config, new TusUploads(config, file -> Map.of("id", "media-42")))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<Void> created = http.send(
                    HttpRequest.newBuilder(app.baseUri().resolve("api/tus"))
                            .header("Tus-Resumable", "1.0.0")
                            .header("Upload-Length", "10")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(201, created.statusCode());
            URI upload = app.baseUri()
                    .resolve(created.headers().firstValue("Location").orElseThrow());

            HttpResponse<Void> first = patch(http, upload, 0, new byte[] {1, 2, 3, 4});
            assertEquals(204, first.statusCode());
            assertTrue(first.headers().firstValue(TusUploads.MEDIA_ID_HEADER).isEmpty());

            HttpResponse<Void> last = patch(http, upload, 4, new byte[] {5, 6, 7, 8, 9, 10});
            assertEquals(204, last.statusCode());
            assertEquals(
                    "media-42",
                    last.headers().firstValue(TusUploads.MEDIA_ID_HEADER).orElse(null));
        }
    }

    private static HttpResponse<Void> patch(HttpClient http, URI upload, long offset, byte[] bytes) throws Exception {
        return http.send(
                HttpRequest.newBuilder(upload)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
