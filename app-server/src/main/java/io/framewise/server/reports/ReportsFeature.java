package io.framewise.server.reports;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.ingest.MediaFeature;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.library.ProjectRepository;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.notes.NoteRepository;
import io.framewise.server.users.UserRepository;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * PDF review reports of media items ({@link ReportRoutes}, {@link ReportService}). Stills come from
 * the media feature's frame-exact still cache, so a report's stills are the frames the players show.
 */
public final class ReportsFeature implements Feature {

    /** The longest a report may take: a review of a few thousand notes fits, a runaway does not. */
    public static final Duration BUDGET = Duration.ofMinutes(3);
    /** Reports made at once: each holds a decoder busy. */
    public static final int CONCURRENT = 2;

    private final ReportRoutes routes;

    public ReportsFeature(
            MediaFeature mediaFeature,
            MediaRepository media,
            NoteRepository notes,
            UserRepository users,
            AssetRepository assets,
            ProjectRepository projects,
            Access access,
            Clock clock) {
        this(mediaFeature, media, notes, users, assets, projects, access, clock, BUDGET);
    }

    public ReportsFeature(
            MediaFeature mediaFeature,
            MediaRepository media,
            NoteRepository notes,
            UserRepository users,
            AssetRepository assets,
            ProjectRepository projects,
            Access access,
            Clock clock,
            Duration budget) {
        ReportService service = new ReportService(
                media,
                notes,
                users,
                assets,
                projects,
                mediaFeature.stills(),
                access.permissions(),
                clock,
                budget,
                CONCURRENT);
        this.routes = new ReportRoutes(
                service, access, mediaFeature.files().dataDir().resolve("tmp").resolve("reports"));
    }

    @Override
    public void register(JavalinConfig cfg) {
        routes.register(cfg);
    }
}
