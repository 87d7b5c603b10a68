package io.framewise.server.subtitles;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.db.Database;
import io.framewise.server.ingest.MediaFeature;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.media.MediaRepository;
import io.javalin.config.JavalinConfig;

/**
 * Subtitle tracks as one feature (ADR 0042): the extraction step the media feature's workers run
 * after the frame map ({@link SubtitleExtractionStep}), and the routes ({@link SubtitleRoutes}).
 * Construct it before the media feature starts, so extraction jobs left by the last run resume.
 */
public final class SubtitlesFeature implements Feature {

    private final SubtitleRoutes routes;
    private final SubtitleService service;

    public SubtitlesFeature(Database db, MediaFeature mediaFeature, MediaRepository media, Access access) {
        SubtitleRepository tracks = new JooqSubtitleRepository(db);
        SubtitleFiles files = new SubtitleFiles(mediaFeature.files());
        mediaFeature.handleJobs(
                JobKind.SUBTITLES, new SubtitleExtractionStep(mediaFeature.files(), media, tracks, files, db.clock()));
        this.service = new SubtitleService(media, tracks, files, access.permissions(), db.clock());
        this.routes = new SubtitleRoutes(service, access);
    }

    /** The service, for other features (clips burn a track in). */
    public SubtitleService service() {
        return service;
    }

    @Override
    public void register(JavalinConfig cfg) {
        routes.register(cfg);
    }
}
