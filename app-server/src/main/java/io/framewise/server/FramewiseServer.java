package io.framewise.server;

import io.framewise.server.comments.JooqNoteRepository;
import io.framewise.server.comments.NoteRepository;
import io.framewise.server.comments.NotesFeature;
import io.framewise.server.db.Database;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.http.OpenApiFeature;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.jobs.JooqJobRepository;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.library.JooqProjectRepository;
import io.framewise.server.library.LibraryFeature;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaFeature;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.UserRepository;
import io.framewise.server.web.WebUiFeature;
import io.framewise.server.ws.AssetTagging;
import io.framewise.server.ws.LiveFeature;
import java.io.Closeable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole server put together: database, repositories, processing, and every feature on the one
 * app factory. The {@code server} and {@code demo} commands, the desktop host mode and end-to-end
 * tests all start it this way.
 */
public final class FramewiseServer implements Closeable {

    private final Database db;
    private final ServerApp app;
    private final Repositories repositories;
    private final LiveFeature live;

    /** The repositories the features share, for callers that seed or inspect data (demo, tests). */
    public record Repositories(
            MediaRepository media,
            NoteRepository notes,
            UserRepository users,
            JobRepository jobs,
            EventRepository events) {}

    private FramewiseServer(Database db, ServerApp app, Repositories repositories, LiveFeature live) {
        this.db = db;
        this.app = app;
        this.repositories = repositories;
        this.live = live;
    }

    /**
     * Opens (or creates) the data folder's database and starts serving; {@code extra} features are
     * registered after the product's own (tests use this to look at the assembled router).
     */
    public static FramewiseServer start(ServerConfig config, Feature... extra) {
        Database db = Database.open(config.dataDir());
        try {
            Repositories repos = new Repositories(
                    new JooqMediaRepository(db),
                    new JooqNoteRepository(db),
                    new JooqUserRepository(db),
                    new JooqJobRepository(db),
                    new JooqEventRepository(db));
            LiveFeature live = new LiveFeature(repos.media());
            JooqAssetRepository assets = new JooqAssetRepository(db);
            AssetTagging events = new AssetTagging(assets, live.events());
            MediaFeature media = new MediaFeature(
                    config,
                    db,
                    repos.media(),
                    repos.jobs(),
                    repos.events(),
                    events.library(),
                    MediaOptions.fromSystemProperties());
            NotesFeature notes =
                    new NotesFeature(repos.notes(), repos.media(), repos.users(), repos.events(), events.notes());
            LibraryFeature library =
                    new LibraryFeature(new JooqProjectRepository(db), assets, repos.media(), repos.users());
            List<Feature> features = new ArrayList<>(List.of(live, media, notes, library, new OpenApiFeature()));
            features.addAll(List.of(extra));
            // Last: its catch-all GET must not shadow an API route.
            features.add(new WebUiFeature());
            ServerApp app = ServerApp.start(config, features);
            try {
                media.start();
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
            return new FramewiseServer(db, app, repos, live);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public URI baseUri() {
        return app.baseUri();
    }

    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return app.config();
    }

    public Repositories repositories() {
        return repositories;
    }

    public LiveFeature live() {
        return live;
    }

    /** Stops serving and processing (the features close with the app), then closes the database. */
    @Override
    public void close() {
        try {
            app.close();
        } finally {
            db.close();
        }
    }
}
