package io.framewise.server;

import io.framewise.server.access.Principal;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
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
import io.framewise.server.organizer.HostServices;
import io.framewise.server.organizer.MemberDirectory;
import io.framewise.server.organizer.Organizers;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.User;
import io.framewise.server.users.UserRepository;
import io.framewise.server.ws.AssetTagging;
import io.framewise.server.ws.LibraryEvent;
import io.framewise.server.ws.LiveFeature;
import io.framewise.server.ws.NoteEvent;
import java.io.Closeable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
    private final Organizers organizers;

    /** The repositories the features share, for callers that seed or inspect data (demo, tests). */
    public record Repositories(
            MediaRepository media,
            NoteRepository notes,
            UserRepository users,
            JobRepository jobs,
            EventRepository events) {}

    private FramewiseServer(
            Database db, ServerApp app, Repositories repositories, LiveFeature live, Organizers organizers) {
        this.db = db;
        this.app = app;
        this.repositories = repositories;
        this.live = live;
        this.organizers = organizers;
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
            JooqProjectRepository projects = new JooqProjectRepository(db);
            AssetTagging events = new AssetTagging(assets, live.events());
            Organizers organizers = Organizers.start(
                    config.organizers(),
                    new HostServices(
                            db,
                            repos.media(),
                            repos.notes(),
                            projects,
                            assets,
                            new JooqAccountRepository(db, new PasswordHasher()),
                            repos.jobs(),
                            MemberDirectory.NONE),
                    config.dataDir().resolve("logs"),
                    ctx -> localAdmin(repos.users()));
            MediaFeature media;
            try {
                media = new MediaFeature(
                        config,
                        db,
                        repos.media(),
                        repos.jobs(),
                        repos.events(),
                        toOrganizers(events.library(), organizers, repos.users()),
                        MediaOptions.fromSystemProperties());
            } catch (RuntimeException e) {
                organizers.close();
                throw e;
            }
            NotesFeature notes = new NotesFeature(
                    repos.notes(),
                    repos.media(),
                    repos.users(),
                    repos.events(),
                    toOrganizers(events.notes(), organizers));
            LibraryFeature library = new LibraryFeature(
                    projects,
                    assets,
                    repos.media(),
                    repos.users(),
                    (asset, number, status, by) ->
                            organizers.approvalChanged(asset, number, status, localAdmin(repos.users())));
            List<Feature> features =
                    new ArrayList<>(List.of(organizers, live, media, notes, library, new OpenApiFeature()));
            features.addAll(List.of(extra));
            ServerApp app;
            try {
                app = ServerApp.start(config, features);
            } catch (RuntimeException e) {
                organizers.close();
                throw e;
            }
            try {
                media.start();
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
            return new FramewiseServer(db, app, repos, live, organizers);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Until accounts decide who is asking, everyone is the local user, an administrator. */
    private static Principal localAdmin(UserRepository users) {
        User local = users.localUser();
        return new Principal.Person(local.id(), local.name(), local.displayName(), true, Principal.Credential.local());
    }

    /** Passes library events on, and tells organizers about new and processed media. */
    private static Consumer<LibraryEvent> toOrganizers(
            Consumer<LibraryEvent> next, Organizers organizers, UserRepository users) {
        return e -> {
            next.accept(e);
            switch (e.kind()) {
                case ADDED -> organizers.mediaAdded(e.mediaId(), localAdmin(users));
                case READY, FAILED -> organizers.mediaReady(e.mediaId());
                default -> {}
            }
        };
    }

    /** Passes note events on, and tells organizers about new notes. */
    private static Consumer<NoteEvent> toOrganizers(Consumer<NoteEvent> next, Organizers organizers) {
        return e -> {
            next.accept(e);
            if (e.kind() == NoteEvent.Kind.CREATED && e.noteId() != null) {
                organizers.noteAdded(e.noteId());
            }
        };
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

    /** The organizer plugins: their access rules, event hooks and states. */
    public Organizers organizers() {
        return organizers;
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
