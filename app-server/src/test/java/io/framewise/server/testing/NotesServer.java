package io.framewise.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.time.FrameRate;
import io.framewise.server.Feature;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.Access;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.http.OpenApiFeature;
import io.framewise.server.interchange.imports.NoteImportRoutes;
import io.framewise.server.interchange.imports.NoteImportService;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.notes.JooqNoteRepository;
import io.framewise.server.notes.NoteRepository;
import io.framewise.server.notes.NoteService;
import io.framewise.server.notes.NotesRoutes;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.UserRepository;
import io.framewise.server.ws.LiveFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real server for the notes and live tests: SQLite in a temporary folder, the live WebSocket
 * feature, the notes API and the OpenAPI document (health comes with every {@link ServerApp}), on
 * port 0. Media items are made ready through
 * the repository, the way processing leaves them, so these tests need no media slice.
 */
public final class NotesServer implements AutoCloseable {

    public static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public static final ObjectMapper JSON = new ObjectMapper();

    public final Database db;
    public final MediaRepository media;
    public final NoteRepository notes;
    public final UserRepository users;
    public final EventRepository events;
    public final LiveFeature live;
    public final ServerApp app;

    public NotesServer(Path dataDir, Feature... extra) {
        db = Database.open(dataDir);
        media = new JooqMediaRepository(db);
        notes = new JooqNoteRepository(db);
        users = new JooqUserRepository(db);
        events = new JooqEventRepository(db);
        live = new LiveFeature(media, new JooqAssetRepository(db));
        Access access = TestAccess.none(db);
        NoteService noteService = new NoteService(
                notes,
                media,
                users,
                db,
                new DomainEvents(events, db, live.events()::publish, live.events()::publish),
                access.permissions(),
                db.clock());
        List<Feature> features = new ArrayList<>(List.of(
                TestAccess.filter(access),
                live,
                new NotesRoutes(noteService, access),
                new NoteImportRoutes(new NoteImportService(media, notes, noteService, access.permissions()), access),
                new OpenApiFeature()));
        features.addAll(List.of(extra));
        app = ServerApp.start(new ServerConfig(dataDir, "127.0.0.1", 0, 1, 1L << 30, 0), features);
    }

    /** A media item in processing, without probe data yet. */
    public MediaItem processingMedia() {
        String id = Ids.newId();
        return media.create(new NewMediaItem(id, "clip.mov", "media/" + id + "/clip.mov", 1234, null));
    }

    /** A ready media item with {@code frameCount} frames at 25 fps. */
    public MediaItem readyMedia(long frameCount) {
        return readyMedia(frameCount, FrameRate.FPS_25, "01:00:00:00", false);
    }

    /** A ready media item with {@code frameCount} frames at {@code rate} from {@code startTimecode}. */
    public MediaItem readyMedia(long frameCount, FrameRate rate, String startTimecode, boolean dropFrame) {
        MediaItem item = processingMedia();
        long micros = Math.round(frameCount * 1_000_000.0 / rate.fps());
        media.setProbe(
                item.id(), new ProbeSummary(frameCount, rate, startTimecode, dropFrame, 640, 360, micros, true, "{}"));
        media.markReady(item.id());
        return media.get(item.id()).orElseThrow();
    }

    public URI uri(String path) {
        return app.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    public static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        app.close();
        db.close();
    }
}
