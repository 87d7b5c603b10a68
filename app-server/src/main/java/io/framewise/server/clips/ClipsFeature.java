package io.framewise.server.clips;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.db.Database;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.ingest.MediaFeature;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.jobs.PipelineService;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.library.ProjectRepository;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.notes.NoteRepository;
import io.framewise.server.subtitles.SubtitleTrackFiles;
import io.framewise.server.templates.TemplateResolver;
import io.javalin.config.JavalinConfig;

/**
 * Clips as one feature: the routes ({@link ClipRoutes}), the service that files a clip and queues
 * its job ({@link ClipService}), and the job itself ({@link ClipJob}), which the media feature's
 * workers run next to the pipeline's steps. Construct it before the media feature starts, so a clip
 * job left by the last run is resumed by this one.
 */
public final class ClipsFeature implements Feature {

    private final ClipRoutes routes;

    /**
     * @param clips the clips table; the media feature was given the same one to tell {@code clipOf}
     * @param templates turns a template id into the template, for the caller asking
     */
    public ClipsFeature(
            Database db,
            MediaFeature mediaFeature,
            JooqClipRepository clips,
            MediaRepository media,
            JobRepository jobs,
            AssetRepository assets,
            ProjectRepository projects,
            NoteRepository notes,
            TemplateResolver templates,
            DownloadCopies copies,
            DomainEvents events,
            Access access) {
        Runnable jobQueued = mediaFeature::signalWorkers;
        PipelineService states = new PipelineService(media, jobs, db, events, jobQueued);
        ClipJob job = new ClipJob(
                mediaFeature.files(),
                media,
                clips,
                new NoteCopier(notes),
                new TemplateContexts(assets, projects, notes, db.clock()),
                states,
                db,
                events,
                access.permissions());
        mediaFeature.handleJobs(JobKind.CLIP, job);
        ClipService service = new ClipService(
                media,
                clips,
                assets,
                jobs,
                mediaFeature.files(),
                templates,
                db,
                events,
                access.permissions(),
                jobQueued,
                db.clock(),
                SubtitleTrackFiles.on(db, mediaFeature.files()));
        this.routes = new ClipRoutes(
                service, new Downloads(media, clips, mediaFeature.files(), access.permissions(), copies), access);
    }

    @Override
    public void register(JavalinConfig cfg) {
        routes.register(cfg);
    }
}
