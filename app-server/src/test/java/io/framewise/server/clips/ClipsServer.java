package io.framewise.server.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.Access;
import io.framewise.server.access.AccessFilter;
import io.framewise.server.access.RouteTable;
import io.framewise.server.db.Database;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.http.ApiException;
import io.framewise.server.idempotency.Idempotency;
import io.framewise.server.idempotency.IdempotentRoutes;
import io.framewise.server.idempotency.JooqIdempotencyRepository;
import io.framewise.server.ingest.MediaFeature;
import io.framewise.server.jobs.JooqJobRepository;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.library.JooqProjectRepository;
import io.framewise.server.library.LibraryRoutes;
import io.framewise.server.library.LibraryService;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.notes.JooqNoteRepository;
import io.framewise.server.notes.NoteService;
import io.framewise.server.notes.NotesRoutes;
import io.framewise.server.subtitles.SubtitlesFeature;
import io.framewise.server.templates.TemplateResolver;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.TestAccess;
import io.framewise.server.users.JooqUserRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A real server with media, library, notes and clips on a data folder (auth mode none: every
 * request is the local administrator), with the HTTP helpers the clip tests share. Library events
 * also go to a hook a test may hold a job in.
 */
final class ClipsServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** No template exists on this server. */
    static final TemplateResolver NO_TEMPLATES = (caller, id) -> {
        throw new ApiException.NotFound("no such template: " + id, Map.of());
    };

    record Answer(int status, JsonNode body, HttpResponse<byte[]> raw) {}

    final Database db;
    final JooqMediaRepository media;
    final JooqJobRepository jobs;
    final JooqClipRepository clips;
    final JooqNoteRepository notes;
    final MediaFeature feature;
    final ServerApp app;
    final List<LibraryEvent> events = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    ClipsServer(Path data) {
        this(data, e -> {});
    }

    ClipsServer(Path data, Consumer<LibraryEvent> hook) {
        this(data, hook, NO_TEMPLATES);
    }

    ClipsServer(Path data, Consumer<LibraryEvent> hook, TemplateResolver templates) {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 2, 512L * 1024 * 1024, 0);
        db = Database.open(data);
        media = new JooqMediaRepository(db);
        jobs = new JooqJobRepository(db);
        clips = new JooqClipRepository(db);
        notes = new JooqNoteRepository(db);
        JooqAssetRepository assets = new JooqAssetRepository(db);
        JooqProjectRepository projects = new JooqProjectRepository(db);
        Access access = TestAccess.none(db);
        DomainEvents sink = new DomainEvents(
                new JooqEventRepository(db),
                db,
                e -> {
                    events.add(e);
                    hook.accept(e);
                },
                note -> {});
        MediaOptions options = MediaOptions.DEFAULT
                .withJobPoll(Duration.ofMillis(50))
                .withWatchPoll(Duration.ofMillis(50))
                .withJobLease(Duration.ofSeconds(2));
        feature = new MediaFeature(config, db, media, jobs, sink, access, options, clips);
        ClipsFeature clipsFeature = new ClipsFeature(
                db, feature, clips, media, jobs, assets, projects, notes, templates, DownloadCopies.NONE, sink, access);
        LibraryRoutes library = new LibraryRoutes(
                new LibraryService(projects, assets, media, db, access.permissions(), (a, n, s, b) -> {}), access);
        NotesRoutes noteRoutes = new NotesRoutes(
                new NoteService(notes, media, new JooqUserRepository(db), db, sink, access.permissions(), db.clock()),
                access);
        Idempotency idempotency = new Idempotency(db, new JooqIdempotencyRepository(db), IdempotentRoutes.product());
        SubtitlesFeature subtitles = new SubtitlesFeature(db, feature, media, access);
        app = ServerApp.start(
                config,
                new AccessFilter(access, RouteTable.product(), idempotency),
                idempotency,
                feature,
                clipsFeature,
                subtitles,
                library,
                noteRoutes);
        feature.start();
    }

    URI uri(String path) {
        return app.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    Answer call(String method, String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.startsWith("application/json") && r.body().length > 0 ? JSON.readTree(r.body()) : null;
        return new Answer(r.statusCode(), body, r);
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        Answer a = call("GET", path, null);
        assertEquals(
                200, a.status(), () -> path + " answered " + new String(a.raw().body()));
        return a.body();
    }

    /** Uploads the test media, waits until it is ready and files it as an asset; its media id. */
    String readySource(Variant variant, String title) throws Exception {
        return readySource(TestMedia.get(variant), title);
    }

    /** Uploads a media file, waits until it is ready and files it as an asset; its media id. */
    String readySource(Path file, String title) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/api/media?filename=" + file.getFileName()))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String id = JSON.readTree(r.body()).path("id").asText();
        awaitStatus(id, "ready");
        Answer asset = call("POST", "/api/assets", JSON.writeValueAsString(Map.of("title", title, "mediaId", id)));
        assertEquals(201, asset.status(), () -> String.valueOf(asset.body()));
        return id;
    }

    /** Asks for a clip; the 202 answer. */
    JsonNode clip(String sourceId, Map<String, ?> body) throws Exception {
        Answer a = call("POST", "/api/media/" + sourceId + "/clips", JSON.writeValueAsString(body));
        assertEquals(202, a.status(), () -> String.valueOf(a.body()));
        return a.body();
    }

    JsonNode awaitStatus(String id, String status) {
        return MediaReady.awaitStatus(id, status, () -> json("/api/media/" + id));
    }

    /** The frame code drawn in frame {@code n} of the media item, read from its frame-exact still. */
    int frameCode(String mediaId, long n) throws Exception {
        Answer a = call("GET", "/api/media/" + mediaId + "/frames/" + n + "?format=png", null);
        assertEquals(
                200,
                a.status(),
                () -> "frame " + n + " of " + mediaId + ": "
                        + new String(a.raw().body()));
        return FrameCode.read(a.raw().body());
    }

    @Override
    public void close() {
        app.close();
        db.close();
    }
}
