package io.framewise.server.organizer;

import io.framewise.server.auth.AccountRepository;
import io.framewise.server.db.Database;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.library.ProjectRepository;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.notes.NoteRepository;
import java.util.Objects;
import java.util.Optional;

/** The parts of the server organizers reach through the host API. */
public record HostServices(
        Database db,
        MediaRepository media,
        NoteRepository notes,
        ProjectRepository projects,
        AssetRepository assets,
        AccountRepository accounts,
        JobRepository jobs,
        MemberDirectory members,
        UploaderLookup uploaders) {

    /** Who uploaded a media item, when someone did (not the watched folder). */
    @FunctionalInterface
    public interface UploaderLookup {
        Optional<String> uploaderOf(String mediaId);
    }

    public HostServices {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(assets, "assets");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(uploaders, "uploaders");
    }
}
