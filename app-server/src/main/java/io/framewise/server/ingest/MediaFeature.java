package io.framewise.server.ingest;

import io.framewise.model.time.FrameRate;
import io.framewise.server.Feature;
import io.framewise.server.NodeIdentity;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.Access;
import io.framewise.server.db.Database;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.filing.FilingService;
import io.framewise.server.filing.JooqFilingRepository;
import io.framewise.server.filing.UnfiledMedia;
import io.framewise.server.filing.WatchedFolderFiling;
import io.framewise.server.hls.HlsRoutes;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobHandler;
import io.framewise.server.jobs.JobHandlers;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.jobs.JobState;
import io.framewise.server.jobs.JobWorkers;
import io.framewise.server.jobs.MediaPipeline;
import io.framewise.server.media.ClipOrigin;
import io.framewise.server.media.FrameStills;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaRoutes;
import io.framewise.server.media.MediaService;
import io.framewise.server.media.MediaView;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.upload.ReceivedFile;
import io.framewise.server.upload.TusUploads;
import io.framewise.server.upload.UploadReceiver;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The media slice as one feature: uploads (plain, multipart and tus at {@code /api/tus}) and the
 * watched folder {@code <data>/incoming} feed {@link IngestService}; {@link JobWorkers} run the
 * {@link MediaPipeline}; {@link MediaRoutes} serve the library through {@link MediaService}.
 *
 * <p>It lives here, above media, jobs and uploads, because it wires them all: the media package
 * (items, files, routes) then depends on none of the packages that process or take in its items.
 *
 * <p>Life cycle: the constructor only wires things; {@link #start()} resumes interrupted jobs and
 * starts the workers and the watched folder (call it before or after the server starts; uploads
 * accepted before it are queued and picked up then). {@link #close()} stops the watched folder,
 * cancels running steps through their cancellation token, waits for the workers and closes the open
 * frame readers; {@code ServerApp.close()} calls it.
 *
 * <p>Library events ({@code added}, {@code progress}, {@code ready}, {@code failed}, {@code removed})
 * are stored in the activity feed with the change they tell of and go to {@code publish} after it
 * commits ({@link DomainEvents}); the server connects it to the WebSocket event hub.
 */
public final class MediaFeature implements Feature, AutoCloseable {

    private final ServerConfig config;
    private final Access access;
    private final JobRepository jobs;
    private final MediaFiles files;
    private final IngestService ingest;
    private final MediaService service;
    private final JobHandlers handlers;
    private final JobWorkers workers;
    private volatile Runnable queuedHere = () -> {};
    private final WatchedFolder watched;
    private final FrameStills stills;
    private final MediaRoutes routes;
    private final UploadReceiver uploads;
    private final TusUploads tus;
    private final SequenceIntake sequences;
    private final UnfiledMedia unfiled;
    private final Instant constructedAt = Instant.now();
    private NodeIdentity node;

    /**
     * @param sink the server's one sink for the slice's feed entries and events
     * @param db the database the repositories run on, whose transactions are the slice's units of work
     */
    public MediaFeature(
            ServerConfig config,
            Database db,
            MediaRepository media,
            JobRepository jobs,
            DomainEvents sink,
            Access access,
            MediaOptions options) {
        this(config, db, media, jobs, sink, access, options, ClipOrigin.Lookup.NONE);
    }

    /** @param clips tells where a clip was cut from, for the {@code clipOf} of media items */
    public MediaFeature(
            ServerConfig config,
            Database db,
            MediaRepository media,
            JobRepository jobs,
            DomainEvents sink,
            Access access,
            MediaOptions options,
            ClipOrigin.Lookup clips) {
        this(
                config,
                db,
                media,
                jobs,
                sink,
                access,
                options,
                clips,
                MediaStore.open(
                        config.storage().location(),
                        config.dataDir(),
                        config.storage().cacheBytes()));
    }

    /**
     * @param store the shared copy of media files the slice publishes to and fetches from (closed
     *     with the feature)
     */
    public MediaFeature(
            ServerConfig config,
            Database db,
            MediaRepository media,
            JobRepository jobs,
            DomainEvents sink,
            Access access,
            MediaOptions options,
            ClipOrigin.Lookup clips,
            MediaStore store) {
        this.config = config;
        this.access = access;
        this.jobs = jobs;
        this.files = new MediaFiles(config.dataDir(), store);
        MediaPipeline pipeline = new MediaPipeline(
                files, media, jobs, db, sink, this::jobQueued, options.maxFrames(), config.hls(), config.scenes());
        this.handlers = new JobHandlers(pipeline);
        this.workers = new JobWorkers(jobs, handlers, config.workers(), options.jobLease(), options.jobPoll());
        JooqFilingRepository filingRows = new JooqFilingRepository(db);
        WatchedFolderFiling watchedFiling =
                new WatchedFolderFiling(filingRows, WatchedFolderFiling.Settings.fromSystemProperties());
        FilingService filing = new FilingService(filingRows, access.permissions());
        this.unfiled = new UnfiledMedia(filingRows, watchedFiling, db);
        this.ingest = new IngestService(
                files, media, jobs, db, sink, access.permissions(), this::jobQueued, filing, watchedFiling);
        this.watched = new WatchedFolder(
                config.dataDir().resolve("incoming"),
                config.dataDir().resolve("rejected"),
                ingest,
                options.watchPoll());
        this.stills = new FrameStills(files, options.openReaders(), config.stillsCacheBytes());
        this.service = new MediaService(media, db, sink, access.permissions(), this::stopProcessing, this::dropFiles);
        this.routes = new MediaRoutes(service, files, stills, access::caller, clips);
        this.uploads = new UploadReceiver(config);
        this.sequences = new SequenceIntake(config, ingest);
        this.tus = new TusUploads(
                config,
                (file, owner, metadata) -> answer(resumable(
                        owner,
                        file,
                        filing.recheck(
                                owner,
                                new FilingService.Target(
                                        metadata.get("projectId"),
                                        metadata.get("folderId"),
                                        metadata.get("assetId"))))),
                (ctx, metadata) -> ingest.target(
                        access.caller(ctx),
                        metadata.get("projectId"),
                        metadata.get("folderId"),
                        metadata.get("assetId")),
                ctx -> Access.person(ctx).userId(),
                options.uploadExpiry(),
                options.uploadSweep());
        if (store.uploads() != null) {
            tus.shareThrough(
                    store.uploads(),
                    io.framewise.server.db.NodeLocks.of(db.location()).orElse(null));
        }
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
        unfiled.fileAll();
        workers.start(node);
        try {
            watched.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch " + watched.incoming(), e);
        }
    }

    /** Takes a received file into the library (used by uploads, tus and the watched folder). */
    public IngestService ingest() {
        return ingest;
    }

    /**
     * Runs jobs of {@code kind} with {@code handler} (a feature's own jobs, such as cutting clips);
     * add before {@link #start()}. Whatever a handler queues next is run by the pipeline.
     */
    public void handleJobs(JobKind kind, JobHandler handler) {
        handlers.add(kind, handler);
    }

    /** Wakes idle workers: call after a queued job is committed. */
    public void signalWorkers() {
        workers.signal();
        queuedHere.run();
    }

    /**
     * Also tells {@code others} whenever this node queues a job, so other nodes' idle workers look at
     * the shared queue at once instead of at their next poll (ADR 0063).
     */
    public void tellOnJobQueued(Runnable others) {
        this.queuedHere = java.util.Objects.requireNonNull(others, "others");
    }

    /** Wakes this node's idle workers only: another node queued a job. */
    public void wakeWorkers() {
        workers.signal();
    }

    /** Frame-exact stills of this server's items, cached. */
    public FrameStills stills() {
        return stills;
    }

    /** The data folder's media files. */
    public MediaFiles files() {
        return files;
    }

    /** Looks up, lists and removes media items. */
    public MediaService media() {
        return service;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.post("/api/media", ctx -> {
            String rateParam = ctx.queryParam("rate");
            FrameRate rate = SequenceFolders.rate(rateParam);
            // The target is checked before the body is read: a refused one stores nothing.
            FilingService.Target target = ingest.target(
                    access.caller(ctx),
                    ctx.queryParam("projectId"),
                    ctx.queryParam("folderId"),
                    ctx.queryParam("assetId"));
            uploads.handle(ctx, file -> {
                if (SequenceIntake.applies(file)) {
                    return answer(sequences.upload(access.caller(ctx), file, rate, target));
                }
                SequenceIntake.requireNoRate(rateParam);
                return answer(ingest.upload(access.caller(ctx), file, target));
            });
        });
        routes.register(cfg);
        new HlsRoutes(service, files, access::caller).register(cfg);
        tus.register(cfg);
    }

    /**
     * A completed resumable upload: an archive of numbered images (rate from its metadata) or a media
     * file, filed at the target it named.
     */
    private IngestService.Ingested resumable(String owner, ReceivedFile file, FilingService.Target target)
            throws IOException {
        String rate = file.metadata().get("rate");
        if (SequenceIntake.applies(file)) {
            return sequences.resumable(owner, file, SequenceFolders.rate(rate), target);
        }
        SequenceIntake.requireNoRate(rate);
        return ingest.resumableUpload(owner, file, target);
    }

    /** The 201 answer of an upload: the media item, and the asset it was filed as. */
    private static Map<String, Object> answer(IngestService.Ingested ingested) {
        Map<String, Object> view = new LinkedHashMap<>(MediaView.of(ingested.item(), List.of()));
        view.put("assetId", ingested.assetId());
        return view;
    }

    /** Cancels the running steps of an item about to be removed. */
    private void stopProcessing(String mediaId) {
        for (Job job : jobs.listByMedia(mediaId)) {
            if (job.state() == JobState.RUNNING) {
                workers.cancel(job.id());
            }
        }
    }

    /** Forgets a removed item's cached stills and deletes its files. */
    private void dropFiles(String mediaId) {
        stills.evict(mediaId);
        files.deleteAll(mediaId);
    }

    private void jobQueued() {
        workers.signal();
        queuedHere.run();
    }

    @Override
    public void close() {
        tus.close();
        watched.close();
        workers.close();
        stills.close();
        files.store().close();
        synchronized (this) {
            if (node != null) {
                node.close();
            }
        }
    }
}
