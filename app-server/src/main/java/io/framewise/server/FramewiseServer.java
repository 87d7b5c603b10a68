package io.framewise.server;

import io.framewise.server.access.Access;
import io.framewise.server.access.AccessFacts;
import io.framewise.server.access.AccessFilter;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.JooqAccessFacts;
import io.framewise.server.access.RouteTable;
import io.framewise.server.attachments.AttachmentFiles;
import io.framewise.server.attachments.JooqNoteAttachmentRepository;
import io.framewise.server.attachments.NoteAttachmentsRoutes;
import io.framewise.server.audit.AuditFeature;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.audit.AuditQuery;
import io.framewise.server.auth.AccountRepository;
import io.framewise.server.auth.AuthFeature;
import io.framewise.server.auth.Authenticator;
import io.framewise.server.auth.GuestCredentials;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.LoginRateLimiter;
import io.framewise.server.auth.PasswordCheck;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.auth.SessionStore;
import io.framewise.server.auth.SignOuts;
import io.framewise.server.auth.TokenStore;
import io.framewise.server.auth.TokensFeature;
import io.framewise.server.auth.UserAdminService;
import io.framewise.server.auth.UsersAdminRoutes;
import io.framewise.server.clips.ClipsFeature;
import io.framewise.server.clips.JooqClipRepository;
import io.framewise.server.cluster.ClusterBus;
import io.framewise.server.cluster.PostgresBus;
import io.framewise.server.db.Database;
import io.framewise.server.db.DatabaseException;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.guests.GuestDownloads;
import io.framewise.server.guests.GuestRepository;
import io.framewise.server.guests.GuestRoutes;
import io.framewise.server.guests.GuestService;
import io.framewise.server.guests.GuestSessions;
import io.framewise.server.guests.JooqGuestRepository;
import io.framewise.server.home.HomeRoutes;
import io.framewise.server.home.HomeService;
import io.framewise.server.home.JooqHomeRepository;
import io.framewise.server.http.OpenApiFeature;
import io.framewise.server.idempotency.Idempotency;
import io.framewise.server.idempotency.IdempotentRoutes;
import io.framewise.server.idempotency.JooqIdempotencyRepository;
import io.framewise.server.ingest.MediaFeature;
import io.framewise.server.interchange.imports.NoteImportRoutes;
import io.framewise.server.interchange.imports.NoteImportService;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.jobs.JooqJobRepository;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.library.JooqMemberRepository;
import io.framewise.server.library.JooqProjectRepository;
import io.framewise.server.library.LibraryRoutes;
import io.framewise.server.library.LibraryService;
import io.framewise.server.library.MemberRepository;
import io.framewise.server.library.MemberService;
import io.framewise.server.library.MembersRoutes;
import io.framewise.server.library.ProjectRepository;
import io.framewise.server.live.JooqLiveSessionStore;
import io.framewise.server.markers.MarkerExportService;
import io.framewise.server.markers.MarkerRoutes;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.PublishingMediaRepository;
import io.framewise.server.notes.JooqNoteRepository;
import io.framewise.server.notes.NoteRepository;
import io.framewise.server.notes.NoteService;
import io.framewise.server.notes.NotesRoutes;
import io.framewise.server.notifications.JooqNotificationRepository;
import io.framewise.server.notifications.JooqNotificationSettings;
import io.framewise.server.notifications.JooqOutbox;
import io.framewise.server.notifications.JooqReviewRequests;
import io.framewise.server.notifications.JooqWebhooks;
import io.framewise.server.notifications.MailSettings;
import io.framewise.server.notifications.MailStills;
import io.framewise.server.notifications.NotificationService;
import io.framewise.server.notifications.NotificationsFeature;
import io.framewise.server.notifications.OutboxDispatcher;
import io.framewise.server.notifications.OverdueMail;
import io.framewise.server.notifications.PeopleEvents;
import io.framewise.server.notifications.PeopleNotifier;
import io.framewise.server.notifications.PeopleRoutes;
import io.framewise.server.notifications.ReviewRequestService;
import io.framewise.server.notifications.SmtpMailer;
import io.framewise.server.notifications.WebhookEvents;
import io.framewise.server.notifications.WebhookService;
import io.framewise.server.ops.MetricsFeature;
import io.framewise.server.ops.MetricsToken;
import io.framewise.server.ops.ReadinessFeature;
import io.framewise.server.ops.ServerMeters;
import io.framewise.server.organizer.HostServices;
import io.framewise.server.organizer.MemberDirectory;
import io.framewise.server.organizer.Organizers;
import io.framewise.server.reports.ReportsFeature;
import io.framewise.server.scenes.ScenesFeature;
import io.framewise.server.shares.JooqAnalyticsRepository;
import io.framewise.server.shares.JooqShareRepository;
import io.framewise.server.shares.ShareAnalyticsService;
import io.framewise.server.shares.ShareRepository;
import io.framewise.server.shares.ShareService;
import io.framewise.server.shares.SharesRoutes;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.subtitles.SubtitlesFeature;
import io.framewise.server.tags.JooqTagRepository;
import io.framewise.server.tags.TagService;
import io.framewise.server.tags.TagsFeature;
import io.framewise.server.templates.JooqTemplateRepository;
import io.framewise.server.templates.TemplateFiles;
import io.framewise.server.templates.TemplateService;
import io.framewise.server.templates.TemplatesFeature;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.UserRepository;
import io.framewise.server.web.WebUiFeature;
import io.framewise.server.ws.AssetTagging;
import io.framewise.server.ws.LiveFeature;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The whole server put together: database, repositories, processing, and every feature on the one
 * app factory. The {@code server} and {@code demo} commands, the desktop host mode and end-to-end
 * tests all start it this way.
 */
public final class FramewiseServer implements Closeable {

    /** How often the outbox looks for mail and webhook deliveries that are due (system property for tests). */
    private static final long OUTBOX_TICK_MS = Long.getLong("framewise.outbox.tickMs", 1000);
    /** The cluster topic on which a node tells the others it queued a job (ADR 0063). */
    private static final String JOBS_QUEUED = "jobs.queued";

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
            EventRepository events,
            AccountRepository accounts,
            ProjectRepository projects,
            MemberRepository members) {}

    private final Access access;
    private final TokenStore tokens;
    private final GuestSessions guestSessions;
    private final GuestDownloads guestDownloads;

    private FramewiseServer(
            Database db,
            ServerApp app,
            Repositories repositories,
            LiveFeature live,
            Access access,
            TokenStore tokens,
            Organizers organizers,
            GuestSessions guestSessions,
            GuestDownloads guestDownloads) {
        this.guestSessions = guestSessions;
        this.guestDownloads = guestDownloads;
        this.organizers = organizers;
        this.tokens = tokens;
        this.db = db;
        this.app = app;
        this.repositories = repositories;
        this.live = live;
        this.access = access;
    }

    /**
     * Opens (or creates) the data folder's database and starts serving; {@code extra} features are
     * registered after the product's own (tests use this to look at the assembled router).
     */
    public static FramewiseServer start(ServerConfig config, Feature... extra) {
        return start(config, Clock.systemUTC(), extra);
    }

    /**
     * As {@link #start(ServerConfig, Feature...)} with the clock that times sessions, tokens, login
     * limits and the audit log (tests move it to expire sessions and end rate-limit windows).
     */
    public static FramewiseServer start(ServerConfig config, Clock clock, Feature... extra) {
        return start(config, clock, null, extra);
    }

    /**
     * As {@link #start(ServerConfig, Clock, Feature...)}, sending notification mail through {@code
     * mail} ({@code --smtp}); null sends none.
     */
    public static FramewiseServer start(ServerConfig config, Clock clock, MailSettings mail, Feature... extra) {
        return start(config, clock, mail, MetricsToken.NONE, extra);
    }

    /**
     * As {@link #start(ServerConfig, Clock, MailSettings, Feature...)}, letting a scraper that presents
     * {@code metricsToken} read {@code /api/metrics} ({@code --metrics-token-file}).
     */
    public static FramewiseServer start(
            ServerConfig config, Clock clock, MailSettings mail, MetricsToken metricsToken, Feature... extra) {
        // A sealed library served without its key would hand out ciphertext (ADR 0061).
        io.framewise.server.crypto.AtRest.refuseWithoutKey(config.dataDir());
        try {
            PrivateFiles.directories(config.dataDir());
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the data folder " + config.dataDir() + ": " + e, e);
        }
        Database db = Database.open(config.database(), clock);
        try {
            // The shared copy of media files (ADR 0060); the media feature closes it.
            MediaStore store = MediaStore.open(
                    config.storage().location(),
                    config.dataDir(),
                    config.storage().cacheBytes());
            // One hasher for account and share-link passwords (a light test cost is logged once).
            PasswordHasher passwords = PasswordHasher.configured();
            Repositories repos = new Repositories(
                    PublishingMediaRepository.wrap(
                            new JooqMediaRepository(db), new MediaFiles(config.dataDir(), store)),
                    new JooqNoteRepository(db),
                    new JooqUserRepository(db),
                    new JooqJobRepository(db),
                    new JooqEventRepository(db),
                    new JooqAccountRepository(db, passwords),
                    new JooqProjectRepository(db),
                    new JooqMemberRepository(db));
            SessionStore sessions = new SessionStore(db);
            TokenStore tokens = new TokenStore(db);
            AccessFacts facts = new JooqAccessFacts(db);
            ShareRepository shareLinks = new JooqShareRepository(db);
            GuestRepository guestRecords = new JooqGuestRepository(db);
            GuestSessions guestSessions = new GuestSessions(guestRecords, shareLinks, db.clock());
            Access access = new Access(
                    new Authenticator(config.auth(), repos.accounts(), repos.users(), sessions, tokens, guestSessions),
                    new Authorizer(facts),
                    new AuditLog(db));
            GuestDownloads guestDownloads = new GuestDownloads(
                    shareLinks, guestRecords, access.permissions(), db, config.dataDir(), db.clock());
            JooqAssetRepository assets = new JooqAssetRepository(db);
            LiveFeature live = new LiveFeature(repos.media(), assets, access);
            // Several nodes on one PostgreSQL database hear each other's events (ADR 0062).
            ClusterBus bus = db.location() instanceof DatabaseLocation.Postgres pg
                    ? PostgresBus.start(pg, Clock.systemUTC())
                    : ClusterBus.local();
            live.joinCluster(bus, new JooqLiveSessionStore(db));
            AssetTagging events = new AssetTagging(assets, live.events());
            TagService tags = new TagService(new JooqTagRepository(db));
            JooqNotificationRepository notificationRecords = new JooqNotificationRepository(db);
            NotificationService notifications = new NotificationService(notificationRecords, repos.accounts());
            // People get told: in-app, mail (now or in a digest) and webhooks, all leaving from one outbox.
            AtomicReference<String> publicUrl = new AtomicReference<>();
            JooqNotificationSettings notificationSettings = new JooqNotificationSettings(db);
            JooqOutbox outbox = new JooqOutbox(db);
            JooqWebhooks webhookRecords = new JooqWebhooks(db);
            JooqReviewRequests reviewRequestRecords = new JooqReviewRequests(db);
            PeopleNotifier notifier = new PeopleNotifier(
                    db, notificationRecords, notificationSettings, outbox, publicUrl::get, mail != null);
            WebhookEvents webhookEvents = new WebhookEvents(db, webhookRecords, outbox);
            PeopleEvents people = new PeopleEvents(
                    repos.notes(),
                    repos.media(),
                    assets,
                    repos.accounts(),
                    facts,
                    access.authorizer(),
                    notifier,
                    webhookEvents,
                    reviewRequestRecords);
            Organizers organizers = Organizers.start(
                    config.organizers(),
                    new HostServices(
                            db,
                            repos.media(),
                            repos.notes(),
                            repos.projects(),
                            assets,
                            repos.accounts(),
                            repos.jobs(),
                            MemberDirectory.of(
                                    projectId -> repos.members().list(projectId).stream()
                                            .map(m -> new MemberDirectory.Membership(
                                                    m.userId(), m.role().wire()))
                                            .toList(),
                                    userId -> facts.roles(userId).entrySet().stream()
                                            .collect(java.util.stream.Collectors.toMap(
                                                    java.util.Map.Entry::getKey,
                                                    e -> e.getValue().wire()))),
                            facts::uploaderOf),
                    tags,
                    notifications,
                    config.dataDir().resolve("logs"),
                    access.authorizer());
            try {
                // Organizers that claim Authorize take part in every decision; they fail closed.
                organizers.accessRules().forEach(access.authorizer()::addRule);
                DomainEvents domainEvents = new DomainEvents(
                        repos.events(),
                        db,
                        libraryToOrganizers(events.library(), organizers, people),
                        notesToOrganizers(events.notes(), organizers, people));
                JooqClipRepository clipRepository = new JooqClipRepository(db);
                JooqTemplateRepository templateRepository = new JooqTemplateRepository(db);
                TemplateFiles templateFiles =
                        new TemplateFiles(config.dataDir(), store, templateRepository, db.clock());
                TemplateService templateService =
                        new TemplateService(templateRepository, templateFiles, facts, access.permissions(), db.clock());
                MediaFeature media = new MediaFeature(
                        config,
                        db,
                        repos.media(),
                        repos.jobs(),
                        domainEvents,
                        access,
                        MediaOptions.fromSystemProperties(),
                        clipRepository,
                        store);
                if (bus.shared()) {
                    // Other nodes' idle workers hear of a queued job at once, not at their next poll.
                    media.tellOnJobQueued(() -> bus.publish(JOBS_QUEUED, "1"));
                    bus.subscribe(JOBS_QUEUED, m -> media.wakeWorkers());
                }
                ClipsFeature clips = new ClipsFeature(
                        db,
                        media,
                        clipRepository,
                        repos.media(),
                        repos.jobs(),
                        assets,
                        repos.projects(),
                        repos.notes(),
                        templateService,
                        guestDownloads::fileFor,
                        domainEvents,
                        access);
                SubtitlesFeature subtitles = new SubtitlesFeature(db, media, repos.media(), access);
                JooqNoteAttachmentRepository noteAttachments = new JooqNoteAttachmentRepository(db);
                NoteService noteService = new NoteService(
                        repos.notes(),
                        repos.media(),
                        repos.users(),
                        db,
                        domainEvents,
                        access.permissions(),
                        db.clock(),
                        noteAttachments);
                NotesRoutes notes = new NotesRoutes(noteService, access);
                MarkerRoutes markers = new MarkerRoutes(new MarkerExportService(noteService, repos.media()), access);
                NoteImportRoutes noteImports = new NoteImportRoutes(
                        new NoteImportService(repos.media(), repos.notes(), noteService, access.permissions()), access);
                LibraryService libraryService = new LibraryService(
                        repos.projects(),
                        assets,
                        repos.media(),
                        db,
                        access.permissions(),
                        (asset, number, status, by) -> {
                            organizers.approvalChanged(asset, number, status, by);
                            people.approvalChanged(asset, number, status, by);
                        });
                LibraryRoutes library = new LibraryRoutes(libraryService, access);
                HomeRoutes home = new HomeRoutes(
                        new HomeService(
                                new JooqHomeRepository(db), libraryService, repos.media(), access.permissions()),
                        access);
                ShareService shareService = new ShareService(
                        shareLinks,
                        assets,
                        repos.projects(),
                        db,
                        access.permissions(),
                        passwords,
                        db.clock(),
                        new ShareService.Ended() {
                            @Override
                            public void revoked(String shareId) {
                                guestRecords.endAll(shareId, db.clock().instant());
                                live.shareEnded(shareId);
                            }

                            @Override
                            public void liveOff(String shareId) {
                                live.shareEnded(shareId);
                            }
                        });
                SharesRoutes shareRoutes = new SharesRoutes(
                        shareService,
                        new ShareAnalyticsService(
                                shareService, new JooqAnalyticsRepository(db), repos.media(), access.permissions()),
                        access,
                        config.addresses(),
                        db.clock());
                GuestRoutes guestRoutes = new GuestRoutes(
                        new GuestService(
                                shareLinks,
                                shareService,
                                guestRecords,
                                guestSessions,
                                assets,
                                repos.media(),
                                facts,
                                db,
                                access.permissions(),
                                passwords,
                                new LoginRateLimiter(db.clock()),
                                db.clock(),
                                (share, guestName) -> people.shareOpened(
                                        share.id(), share.title(), share.createdBy(), share.projectId(), guestName)),
                        access);
                Idempotency idempotency =
                        new Idempotency(db, new JooqIdempotencyRepository(db), IdempotentRoutes.product());
                AccessFilter filter = new AccessFilter(access, RouteTable.product(), idempotency);
                OutboxDispatcher dispatcher = new OutboxDispatcher(
                        db,
                        outbox,
                        notificationSettings,
                        webhookRecords,
                        notificationRecords,
                        notifier,
                        mail == null ? null : new SmtpMailer(mail),
                        new MailStills(media.stills(), repos.media(), repos.notes()),
                        new OverdueMail(db, reviewRequestRecords, notificationSettings, outbox, assets, notifier));
                PeopleRoutes peopleRoutes = new PeopleRoutes(
                        dispatcher,
                        access,
                        notificationSettings,
                        new WebhookService(webhookRecords, outbox, access.permissions()),
                        new ReviewRequestService(
                                reviewRequestRecords,
                                assets,
                                access.permissions(),
                                people,
                                notifier,
                                webhookEvents,
                                db.clock()),
                        people,
                        facts,
                        repos.members());
                SignOuts signOuts = new SignOuts(sessions, tokens, live::revoked, live::signedOut, db);
                List<Feature> features = new ArrayList<>(List.of(
                        filter,
                        idempotency,
                        new AuthFeature(
                                access,
                                repos.accounts(),
                                sessions,
                                new PasswordCheck(repos.accounts(), new LoginRateLimiter(db.clock())),
                                signOuts,
                                facts,
                                repos.projects(),
                                live::revoked),
                        new TokensFeature(access, tokens, live::revoked),
                        new UsersAdminRoutes(
                                new UserAdminService(repos.accounts(), signOuts, db, access.permissions()), access),
                        new AuditFeature(access, new AuditQuery(db)),
                        new MembersRoutes(new MemberService(repos.members(), db, access.permissions()), access),
                        organizers,
                        new TagsFeature(assets, access.authorizer(), tags),
                        new TemplatesFeature(
                                templateService, templateFiles, repos.media(), repos.notes(), media.files(), access),
                        new NotificationsFeature(notifications),
                        peopleRoutes,
                        live,
                        media,
                        clips,
                        new ReportsFeature(
                                media,
                                repos.media(),
                                repos.notes(),
                                repos.users(),
                                assets,
                                repos.projects(),
                                access,
                                db.clock()),
                        subtitles,
                        notes,
                        markers,
                        noteImports,
                        new ScenesFeature(db, media, repos.media(), noteService, access),
                        new NoteAttachmentsRoutes(
                                noteAttachments, new AttachmentFiles(config.dataDir(), store), access),
                        library,
                        home,
                        shareRoutes,
                        guestRoutes,
                        new ReadinessFeature(db, config.dataDir()),
                        new MetricsFeature(
                                new ServerMeters(db, repos.jobs(), live.gateway())
                                        .bind(store.errors())
                                        .bind(store.rangedReads()),
                                metricsToken),
                        new OpenApiFeature()));
                features.addAll(List.of(extra));
                // Last: its catch-all GET must not shadow an API route.
                features.add(new WebUiFeature());
                ServerApp app = ServerApp.start(config, features);
                try {
                    filter.verifyEveryRouteHasARule();
                    media.start();
                    publicUrl.set(
                            config.addresses().urls().isEmpty()
                                    ? app.baseUri().toString().replaceAll("/+$", "")
                                    : config.addresses()
                                            .urls()
                                            .get(0)
                                            .toString()
                                            .replaceAll("/+$", ""));
                    dispatcher.start(Duration.ofMillis(OUTBOX_TICK_MS));
                } catch (RuntimeException e) {
                    app.close();
                    throw e;
                }
                return new FramewiseServer(
                        db, app, repos, live, access, tokens, organizers, guestSessions, guestDownloads);
            } catch (RuntimeException e) {
                organizers.close();
                throw e;
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Passes library events on, and tells organizers (and people, webhooks) about new and processed media. */
    private static Consumer<LibraryEvent> libraryToOrganizers(
            Consumer<LibraryEvent> next, Organizers organizers, PeopleEvents people) {
        return e -> {
            next.accept(e);
            people.mediaFinished(e);
            switch (e.kind()) {
                case ADDED -> organizers.mediaAdded(e.mediaId());
                case READY, FAILED -> organizers.mediaReady(e.mediaId());
                default -> {}
            }
        };
    }

    /** Passes note events on, and tells organizers (and people, webhooks) about new notes. */
    private static Consumer<NoteEvent> notesToOrganizers(
            Consumer<NoteEvent> next, Organizers organizers, PeopleEvents people) {
        return e -> {
            next.accept(e);
            if (e.kind() == NoteEvent.Kind.CREATED && e.noteId() != null) {
                organizers.noteAdded(e.noteId());
                people.noteCreated(e.noteId());
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

    /** Personal API tokens (the demo and tests issue theirs here). */
    public TokenStore tokens() {
        return tokens;
    }

    /** Share-link guest sessions: who a guest token is (for callers that check access). */
    public GuestCredentials guests() {
        return guestSessions;
    }

    /** What downloads answer for share-link guests (burned watermarks, counted and audited). */
    public GuestDownloads guestDownloads() {
        return guestDownloads;
    }

    /** Authentication, authorization and the audit trail, for callers that check or record access. */
    public Access access() {
        return access;
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
