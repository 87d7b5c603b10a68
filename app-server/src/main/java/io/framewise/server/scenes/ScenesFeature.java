package io.framewise.server.scenes;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.db.Database;
import io.framewise.server.ingest.MediaFeature;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.notes.NoteService;
import io.javalin.config.JavalinConfig;

/**
 * Scene cuts as suggested markers (ADR 0048): the detection job the media feature's workers run
 * after the frame map of a long video ({@link SceneDetectionStep}; which videos: {@link
 * ScenePolicy}), and the routes ({@link SceneCutRoutes}). Construct it before the media feature
 * starts, so detection jobs left by the last run resume.
 */
public final class ScenesFeature implements Feature {

    private final SceneCutRoutes routes;

    public ScenesFeature(
            Database db, MediaFeature mediaFeature, MediaRepository media, NoteService notes, Access access) {
        SceneCutRepository cuts = new JooqSceneCutRepository(db);
        mediaFeature.handleJobs(JobKind.SCENES, new SceneDetectionStep(mediaFeature.files(), media, cuts, db.clock()));
        this.routes = new SceneCutRoutes(new SceneCutService(media, cuts, notes, access.permissions(), db), access);
    }

    @Override
    public void register(JavalinConfig cfg) {
        routes.register(cfg);
    }
}
