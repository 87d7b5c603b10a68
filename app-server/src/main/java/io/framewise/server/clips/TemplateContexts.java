package io.framewise.server.clips;

import io.framewise.media.clip.template.TemplateContext;
import io.framewise.model.time.FrameRange;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.library.AssetVersion;
import io.framewise.server.library.Project;
import io.framewise.server.library.ProjectRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.notes.Note;
import io.framewise.server.notes.NoteRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a template's placeholders stand for in one clip: its title, its project's name, its version
 * label in its asset, today's date, and (for a drawings step) the drawings of the source's notes in
 * the clip's range, each on its note's source frames. The source's own start timecode is used.
 */
final class TemplateContexts {

    private final AssetRepository assets;
    private final ProjectRepository projects;
    private final NoteRepository notes;
    private final Clock clock;

    TemplateContexts(AssetRepository assets, ProjectRepository projects, NoteRepository notes, Clock clock) {
        this.assets = Objects.requireNonNull(assets, "assets");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    TemplateContext of(Clip clip, MediaItem source, ClipPayload payload) {
        Optional<String> assetId = assets.assetOfMedia(clip.mediaId());
        String project = assetId.flatMap(assets::get)
                .flatMap(a -> projects.get(a.projectId()))
                .map(Project::name)
                .orElse("");
        String version = assetId.map(a -> assets.versions(a).stream()
                        .filter(v -> v.mediaId().equals(clip.mediaId()))
                        .map(AssetVersion::number)
                        .map(n -> "v" + n)
                        .findFirst()
                        .orElse(""))
                .orElse("");
        TemplateContext context = new TemplateContext(
                clip.title(),
                project,
                version,
                LocalDate.now(clock.withZone(ZoneOffset.UTC)),
                Optional.empty(),
                payload.files(),
                List.of(),
                Optional.empty());
        if (payload.template().burnsDrawings()) {
            context = context.withDrawings(drawings(source.id(), FrameRange.of(clip.in(), clip.out())));
        }
        return context;
    }

    /** The drawings of the source's notes that meet the range, on their notes' source frames. */
    private List<TemplateContext.Drawing> drawings(String sourceId, FrameRange range) {
        return notes.listByMedia(sourceId).stream()
                .filter(n -> n.drawing() != null && NoteCopier.meets(n, range))
                .map(n -> new TemplateContext.Drawing(frames(n), n.drawing().json()))
                .toList();
    }

    private static FrameRange frames(Note n) {
        return FrameRange.of(n.frame(), n.frameOut() == null ? n.frame() + 1 : n.frameOut());
    }
}
