package io.framewise.server.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.testing.Await;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.Access;
import io.framewise.server.access.AccessFilter;
import io.framewise.server.access.RouteTable;
import io.framewise.server.db.Database;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.idempotency.Idempotency;
import io.framewise.server.idempotency.IdempotentRoutes;
import io.framewise.server.idempotency.JooqIdempotencyRepository;
import io.framewise.server.ingest.MediaFeature;
import io.framewise.server.jobs.JooqJobRepository;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.TestAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real server with media and subtitles on a data folder (auth mode none: every request is the local
 * administrator), with the media and HTTP helpers the subtitle tests share.
 */
final class SubtitlesServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    final Database db;
    final MediaFeature feature;
    final ServerApp app;
    final HttpClient http = HttpClient.newHttpClient();

    SubtitlesServer(Path data) {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 2, 512L * 1024 * 1024, 0);
        db = Database.open(data);
        JooqMediaRepository media = new JooqMediaRepository(db);
        JooqJobRepository jobs = new JooqJobRepository(db);
        Access access = TestAccess.none(db);
        DomainEvents sink = new DomainEvents(new JooqEventRepository(db), db, e -> {}, note -> {});
        MediaOptions options = MediaOptions.DEFAULT
                .withJobPoll(Duration.ofMillis(50))
                .withWatchPoll(Duration.ofMillis(50))
                .withJobLease(Duration.ofSeconds(2));
        feature = new MediaFeature(config, db, media, jobs, sink, access, options);
        SubtitlesFeature subtitles = new SubtitlesFeature(db, feature, media, access);
        Idempotency idempotency = new Idempotency(db, new JooqIdempotencyRepository(db), IdempotentRoutes.product());
        app = ServerApp.start(
                config, new AccessFilter(access, RouteTable.product(), idempotency), idempotency, feature, subtitles);
        feature.start();
    }

    static Path media(Path dir, String rate, String container, String codec, int seconds) throws IOException {
        return SubtitleTestMedia.make(dir, rate, container, codec, seconds);
    }

    URI uri(String path) {
        return app.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    Answer send(String method, String path, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body);
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        Answer a = get(path);
        assertEquals(200, a.status(), () -> path + " answered " + a.body());
        return a.json();
    }

    Answer upload(String mediaId, String query, byte[] file) throws IOException, InterruptedException {
        return send(
                "POST",
                "/api/media/" + mediaId + "/subtitles" + query,
                HttpRequest.BodyPublishers.ofByteArray(file),
                "Content-Type",
                "application/octet-stream");
    }

    /** Uploads a media file and waits until it is ready; its media id. */
    String ready(Path file) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/api/media?filename=" + file.getFileName()))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String id = JSON.readTree(r.body()).path("id").asText();
        MediaReady.awaitStatus(id, "ready", () -> json("/api/media/" + id));
        return id;
    }

    /** Waits until the extraction step has listed {@code count} tracks; the list. */
    JsonNode awaitTracks(String mediaId, int count) {
        return Await.value("subtitle tracks of " + mediaId, MediaReady.DEADLINE, () -> {
            JsonNode list = json("/api/media/" + mediaId + "/subtitles");
            return list.size() >= count ? list : null;
        });
    }

    @Override
    public void close() {
        app.close();
        db.close();
    }
}
