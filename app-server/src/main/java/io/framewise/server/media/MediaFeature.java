package io.framewise.server.media;

import io.framewise.server.Feature;
import io.framewise.server.NodeIdentity;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.Access;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.Database;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.http.ApiException;
import io.framewise.server.ingest.LeftoverFiles;
import io.framewise.server.ingest.MediaIngest;
import io.framewise.server.ingest.WatchedFolder;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.jobs.JobState;
import io.framewise.server.jobs.JobWorkers;
import io.framewise.server.jobs.MediaPipeline;
import io.framewise.server.upload.TusUploads;
import io.framewise.server.upload.UploadReceiver;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media slice as one feature: uploads (plain, multipart and tus at {@code /api/tus}) and the
 * watched folder {@code <data>/incoming} feed {@link MediaIngest}; {@link JobWorkers} run the
 * {@link MediaPipeline}; {@link MediaRoutes} serve the library.
 *
 * <p>Life cycle: the constructor only wires things; {@link #start()} resumes interrupted jobs and
 * starts the workers and the watched folder (call it before or after the server starts; uploads
 * accepted before it are queued and picked up then). {@link #close()} stops the watched folder,
 * cancels running steps through their cancellation token, waits for the workers and closes the open
 * frame readers; {@code ServerApp.close()} calls it.
 *
 * <p>Library events ({@code added}, {@code progress}, {@code ready}, {@code failed}, {@code removed})
 * go to {@code publish}; the server connects it to the WebSocket event hub.
 */
public final class MediaFeature implements Feature, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaFeature.class);

    private final ServerConfig config;
    private final Access access;
    private final MediaRepository media;
    private final JobRepository jobs;
    private final EventRepository events;
    private final Consumer<LibraryEvent> publish;
    private final MediaFiles files;
    private final MediaIngest ingest;
    private final JobWorkers workers;
    private final WatchedFolder watched;
    private final FrameStills stills;
    private final MediaRoutes routes;
    private final UploadReceiver uploads;
    private final TusUploads tus;
    private final Instant constructedAt = Instant.now();
    private NodeIdentity node;

    /**
     * @param db the database the repositories run on; the slice itself only talks to the
     *     repositories, so it is taken to keep one construction form for the composition root
     */
    public MediaFeature(
            ServerConfig config,
            Database db,
            MediaRepository media,
            JobRepository jobs,
            EventRepository events,
            Consumer<LibraryEvent> publish,
            Access access) {
        this(config, db, media, jobs, events, publish, access, MediaOptions.DEFAULT);
    }

    /** As the other constructor, with explicit timings (tests shorten leases and polls). */
    public MediaFeature(
            ServerConfig config,
            Database db,
            MediaRepository media,
            JobRepository jobs,
            EventRepository events,
            Consumer<LibraryEvent> publish,
            Access access,
            MediaOptions options) {
        this.config = config;
        this.access = access;
        this.media = media;
        this.jobs = jobs;
        this.events = events;
        this.publish = safe(publish);
        this.files = new MediaFiles(config.dataDir());
        MediaPipeline pipeline =
                new MediaPipeline(files, media, jobs, events, this.publish, this::jobQueued, options.maxFrames());
        this.workers = new JobWorkers(jobs, pipeline, config.workers(), options.jobLease(), options.jobPoll());
        this.ingest = new MediaIngest(files, media, jobs, events, this.publish, this::jobQueued);
        this.watched = new WatchedFolder(
                config.dataDir().resolve("incoming"),
                config.dataDir().resolve("rejected"),
                ingest,
                options.watchPoll());
        this.stills = new FrameStills(files, options.openReaders(), config.stillsCacheBytes());
        this.routes = new MediaRoutes(
                media, files, stills, (ctx, item) -> access.authorizer().canSee(Access.principal(ctx), item.id()));
        this.uploads = new UploadReceiver(config);
        this.tus = new TusUploads(
                config,
                (file, owner) -> {
                    MediaItem item = ingest.ingest(file, owner);
                    access.auditFor(
                            owner,
                            null,
                            "media.uploaded",
                            new Resource.Media(item.id()),
                            AuditOutcome.SUCCESS,
                            Map.of("name", item.originalName(), "sizeBytes", item.sizeBytes(), "resumable", true));
                    return MediaView.of(item, java.util.List.of());
                },
                ctx -> Access.person(ctx).userId(),
                options.uploadExpiry(),
                options.uploadSweep());
    }

    /**
     * Clears what a crash left half-written (temporary files older than this feature, see {@link
     * LeftoverFiles}), hands over resumable uploads that were complete but not yet taken into the
     * library and removes expired ones (then keeps removing them), then resumes interrupted jobs
     * (this node's own at once, see {@link NodeIdentity}) and
     * starts the workers and the watched folder.
     */
    public synchronized void start() {
        if (node != null) {
            return;
        }
        LeftoverFiles.sweep(config.dataDir(), constructedAt);
        tus.startSweeping();
        node = NodeIdentity.claim(config.dataDir());
        workers.start(node);
        try {
            watched.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch " + watched.incoming(), e);
        }
    }

    /** Takes a received file into the library (used by uploads, tus and the watched folder). */
    public MediaIngest ingest() {
        return ingest;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.post(
                "/api/media",
                ctx -> uploads.handle(ctx, file -> {
                    MediaItem item = ingest.ingest(file, Access.person(ctx).userId());
                    access.record(
                            ctx,
                            "media.uploaded",
                            new Resource.Media(item.id()),
                            AuditOutcome.SUCCESS,
                            Map.of("name", item.originalName(), "sizeBytes", item.sizeBytes()));
                    return MediaView.of(item, java.util.List.of());
                }));
        cfg.routes.delete("/api/media/{id}", this::delete);
        routes.register(cfg);
        tus.register(cfg);
    }

    /**
     * Deletes the row first (the item is gone for every client at once), then its running work and
     * files. Watchers hear of the removal just before the row goes: who may hear of it is decided
     * against the item and its project as they still are (afterwards nobody could be shown to have
     * seen it, and the event would go to everyone or no one).
     */
    private void delete(Context ctx) {
        MediaItem item = routes.item(ctx);
        for (Job job : jobs.listByMedia(item.id())) {
            if (job.state() == JobState.RUNNING) {
                workers.cancel(job.id());
            }
        }
        publish.accept(LibraryEvent.removed(item.id(), null));
        if (!media.delete(item.id())) {
            throw new ApiException.NotFound("No media item " + item.id(), Map.of("id", item.id()));
        }
        stills.evict(item.id());
        files.deleteAll(item.id());
        events.append("media.removed", item.id(), null, "{}");
        access.record(
                ctx,
                "media.deleted",
                new Resource.Media(item.id()),
                AuditOutcome.SUCCESS,
                Map.of("name", item.originalName()));
        ctx.status(204);
    }

    private void jobQueued() {
        workers.signal();
    }

    /** A subscriber that throws must not fail an upload or a job step. */
    private static Consumer<LibraryEvent> safe(Consumer<LibraryEvent> publish) {
        return event -> {
            try {
                publish.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("Publishing {} of media {} failed", event.kind(), event.mediaId(), e);
            }
        };
    }

    @Override
    public void close() {
        tus.close();
        watched.close();
        workers.close();
        stills.close();
        synchronized (this) {
            if (node != null) {
                node.close();
            }
        }
    }
}
