package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.testing.Await;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.Access;
import io.framewise.server.db.Database;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.ingest.MediaFeature;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.jobs.JooqJobRepository;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.TestAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** A real server with the media feature on a data folder, plus the HTTP helpers the tests share. */
final class MediaServer implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    final Path data;
    final Database db;
    final JooqMediaRepository media;
    final JobRepository jobs;
    final MediaFeature feature;
    final ServerApp app;
    final List<LibraryEvent> events = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    MediaServer(Path data, MediaOptions options) {
        this(data, options, e -> {});
    }

    MediaServer(Path data, MediaOptions options, Consumer<LibraryEvent> also) {
        this(data, options, also, c -> c);
    }

    /** A server whose configuration {@code adjust} changes from the tests' usual one. */
    static MediaServer configured(Path data, MediaOptions options, UnaryOperator<ServerConfig> adjust) {
        return new MediaServer(data, options, e -> {}, adjust);
    }

    private MediaServer(
            Path data, MediaOptions options, Consumer<LibraryEvent> also, UnaryOperator<ServerConfig> adjust) {
        this.data = data;
        ServerConfig config = adjust.apply(new ServerConfig(data, "127.0.0.1", 0, 2, 512L * 1024 * 1024, 0));
        db = Database.open(data);
        media = new JooqMediaRepository(db);
        jobs = new JooqJobRepository(db);
        Access access = TestAccess.none(db);
        feature = new MediaFeature(
                config,
                db,
                media,
                jobs,
                new DomainEvents(
                        new JooqEventRepository(db),
                        db,
                        e -> {
                            events.add(e);
                            also.accept(e);
                        },
                        note -> {}),
                access,
                options);
        app = ServerApp.start(config, TestAccess.filter(access), feature);
        feature.start();
    }

    static MediaOptions fast() {
        return MediaOptions.DEFAULT
                .withJobPoll(Duration.ofMillis(50))
                .withWatchPoll(Duration.ofMillis(50))
                .withJobLease(Duration.ofSeconds(2));
    }

    URI uri(String path) {
        return app.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), () -> path + " answered " + new String(r.body()));
        return JSON.readTree(r.body());
    }

    JsonNode uploadRaw(Path file, String name) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/api/media?filename=" + name))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r::body);
        return JSON.readTree(r.body());
    }

    /** Polls the item until its status is {@code status} (failing fast on another final status). */
    JsonNode awaitStatus(String id, String status) {
        return MediaReady.awaitStatus(id, status, () -> json("/api/media/" + id));
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, DEADLINE, condition);
    }

    @Override
    public void close() {
        app.close();
        db.close();
    }
}
