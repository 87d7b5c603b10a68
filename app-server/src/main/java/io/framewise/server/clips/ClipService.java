package io.framewise.server.clips;

import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.model.time.FrameRange;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.Ids;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.library.Asset;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.library.MediaAlreadyFiledException;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.subtitles.SubtitleTrackFiles;
import io.framewise.server.templates.ResolvedTemplate;
import io.framewise.server.templates.TemplateResolver;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Asks for clips. A clip is a media item of its own: one unit of work writes its item (status
 * processing, its file not cut yet), its clip row, its place in the library (a new asset next to the
 * source, or the next version of the asset named), its job, its activity entry and its audit entry,
 * so a clip is never filed without the job that cuts it, nor cut without being filed. Workers are
 * woken and {@code added} is published after the commit.
 *
 * <p>Every id in the request is authorized for what the caller does with it before the unit begins:
 * cutting the source ({@link Action#CLIP_CREATE}), adding to the project next to it ({@link
 * Action#ASSET_CREATE}) or to the asset named ({@link Action#VERSION_ADD}), and seeing the template.
 */
public final class ClipService {

    /** A clip is asked for interactively: it goes before the follow-up steps of other media. */
    static final int CLIP_PRIORITY = 10;

    /** Containers a stream copy or smart cut keeps; other sources' clips are written as MP4. */
    private static final Set<String> KEPT_CONTAINERS = Set.of("mp4", "mov", "mkv", "ts");

    /** What the caller gets back: the clip's media item, its asset and its job. */
    public record Started(String id, String assetId, String jobId) {}

    private final MediaRepository media;
    private final ClipRepository clips;
    private final AssetRepository assets;
    private final JobRepository jobs;
    private final MediaFiles files;
    private final TemplateResolver templates;
    private final UnitOfWork work;
    private final DomainEvents events;
    private final Permissions permissions;
    private final Runnable jobQueued;
    private final Clock clock;
    private final SubtitleTrackFiles subtitleTracks;

    public ClipService(
            MediaRepository media,
            ClipRepository clips,
            AssetRepository assets,
            JobRepository jobs,
            MediaFiles files,
            TemplateResolver templates,
            UnitOfWork work,
            DomainEvents events,
            Permissions permissions,
            Runnable jobQueued,
            Clock clock,
            SubtitleTrackFiles subtitleTracks) {
        this.media = Objects.requireNonNull(media, "media");
        this.clips = Objects.requireNonNull(clips, "clips");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.files = Objects.requireNonNull(files, "files");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.work = Objects.requireNonNull(work, "work");
        this.events = Objects.requireNonNull(events, "events");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.jobQueued = Objects.requireNonNull(jobQueued, "jobQueued");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.subtitleTracks = Objects.requireNonNull(subtitleTracks, "subtitleTracks");
    }

    /** Queues a clip of the source's frames the draft names. */
    public Started create(Caller caller, String sourceId, ClipDraft draft) {
        permissions.require(caller, Action.CLIP_CREATE, new Resource.Media(sourceId));
        MediaItem source = media.get(sourceId)
                .orElseThrow(() -> new ApiException.NotFound("No media item " + sourceId, Map.of("id", sourceId)));
        requireCuttable(source);
        SourceTimeline timeline = SourceTimeline.of(source.probe());
        FrameRange range = timeline.range(draft.in(), draft.out());
        Place place = place(caller, source, draft.asVersionOf());
        Optional<ResolvedTemplate> template =
                template(caller, draft.templateId()).map(t -> withTracks(t, source.id()));
        String title = title(draft.title(), place, timeline, range);
        String extension = extension(source, draft.mode(), template.map(ResolvedTemplate::template));
        String userId = caller.person().userId();
        String clipId = Ids.newId();
        String name = fileName(title, extension);
        String storedPath = files.relative(files.file(clipId, "original." + extension));
        String payload = template.map(ClipPayload::of).orElse(null);
        return work.inTransaction(() -> {
            media.create(new NewMediaItem(clipId, name, storedPath, 0, null, userId));
            clips.create(new Clip(
                    clipId,
                    source.id(),
                    range.in(),
                    range.out(),
                    draft.mode(),
                    template.map(ResolvedTemplate::id).orElse(null),
                    title,
                    draft.copyNotes(),
                    null,
                    null,
                    false,
                    userId,
                    clock.instant()));
            String assetId = file(place, title, userId, clipId);
            Job job = jobs.enqueue(JobKind.CLIP, clipId, CLIP_PRIORITY, payload);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sourceId", source.id());
            details.put("in", range.in());
            details.put("out", range.out());
            details.put("mode", Clip.wire(draft.mode()));
            details.put("assetId", assetId);
            template.ifPresent(t -> details.put("templateId", t.id()));
            details.put("copyNotes", draft.copyNotes());
            permissions.audit(caller, "clip.created", new Resource.Media(clipId), AuditOutcome.SUCCESS, details);
            events.media(LibraryEvent.added(clipId, assetId, name), Map.of("name", name, "sourceId", source.id()));
            work.afterCommit(jobQueued);
            return new Started(clipId, assetId, job.id());
        });
    }

    private static void requireCuttable(MediaItem source) {
        if (source.status() == MediaStatus.PROCESSING) {
            throw new ApiException.Conflict(
                    "Media " + source.id() + " is still processing: clips can be cut once it is ready",
                    Map.of("status", source.status().wire()));
        }
        if (source.status() == MediaStatus.FAILED) {
            throw new ApiException.Conflict(
                    "Media " + source.id() + " failed processing: there is nothing to cut",
                    Map.of("status", source.status().wire()));
        }
        if (source.probe() == null
                || source.probe().frameCount() == 0
                || source.probe().frameRate() == null
                || source.frameMapPath() == null) {
            throw new ApiException.Conflict(
                    "Media " + source.id() + " has no video frames to cut",
                    Map.of("status", source.status().wire()));
        }
    }

    /** Where the clip goes: a new asset in the source's project and folder, or the named asset. */
    private record Place(String projectId, String folderId, String sourceTitle, String versionOf) {}

    private Place place(Caller caller, MediaItem source, String asVersionOf) {
        Optional<Asset> sourceAsset = assets.assetOfMedia(source.id()).flatMap(assets::get);
        if (asVersionOf != null) {
            permissions.requireReferenced(caller, Action.VERSION_ADD, new Resource.Asset(asVersionOf), "asVersionOf");
            Asset target = assets.get(asVersionOf)
                    .orElseThrow(() ->
                            new ApiException.Invalid("no such asset: " + asVersionOf, Map.of("field", "asVersionOf")));
            return new Place(
                    target.projectId(),
                    target.folderId(),
                    sourceAsset.map(Asset::title).orElse(source.originalName()),
                    target.id());
        }
        if (sourceAsset.isEmpty()) {
            throw new ApiException.Conflict(
                    "Media " + source.id() + " is filed in no project yet, so a clip has no place next to it: file it"
                            + " first, or give asVersionOf",
                    Map.of("id", source.id()));
        }
        Asset asset = sourceAsset.get();
        permissions.require(caller, Action.ASSET_CREATE, new Resource.Project(asset.projectId()));
        return new Place(asset.projectId(), asset.folderId(), asset.title(), null);
    }

    private Optional<ResolvedTemplate> template(Caller caller, String templateId) {
        if (templateId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(templates.resolve(caller, templateId));
        } catch (ApiException.NotFound e) {
            // Named in the body: refused like any other id there, so templates cannot be probed.
            throw new ApiException.Invalid("no such template: " + templateId, Map.of("field", "templateId"));
        }
    }

    /**
     * The template with the files of the subtitle tracks it burns in, which are the source's own: a
     * track the source does not have (or a bitmap one) is refused before anything is filed.
     */
    private ResolvedTemplate withTracks(ResolvedTemplate t, String sourceId) {
        Set<String> ids = t.template().subtitleTrackIds();
        if (ids.isEmpty()) {
            return t;
        }
        Map<String, java.nio.file.Path> files = new LinkedHashMap<>(t.files());
        for (String id : ids) {
            files.put(
                    id,
                    subtitleTracks
                            .vtt(sourceId, id)
                            .orElseThrow(() -> new ApiException.Invalid(
                                    "the template burns in subtitle track " + id
                                            + ", which is not a text subtitle track of this media item",
                                    Map.of("field", "templateId"))));
        }
        return new ResolvedTemplate(t.id(), t.projectId(), t.template(), files);
    }

    private String file(Place place, String title, String userId, String clipId) {
        try {
            if (place.versionOf() != null) {
                assets.addVersion(place.versionOf(), clipId);
                return place.versionOf();
            }
            return assets.createWithFirstVersion(place.projectId(), place.folderId(), title, userId, clipId)
                    .id();
        } catch (MediaAlreadyFiledException e) {
            // A fresh id cannot be filed already: this is a bug, not the client's doing.
            throw new IllegalStateException(e);
        }
    }

    /** The title asked for, or "<source title> (tcIn-tcOut)". */
    private static String title(String asked, Place place, SourceTimeline timeline, FrameRange range) {
        if (asked != null) {
            String t = asked.strip();
            if (t.isEmpty() || t.length() > Clip.MAX_TITLE || t.chars().anyMatch(Character::isISOControl)) {
                throw Bodies.badRequest(
                        "title must be 1 to " + Clip.MAX_TITLE + " characters without control characters", "title");
            }
            return t;
        }
        String suffix = " (" + timeline.label(range.in()) + "-" + timeline.label(range.out()) + ")";
        String base = place.sourceTitle();
        if (base.length() + suffix.length() > Clip.MAX_TITLE) {
            base = base.substring(0, Clip.MAX_TITLE - suffix.length());
        }
        return base + suffix;
    }

    /** The clip file's extension: the template's format, MP4 for re-encodes, else the source's container. */
    static String extension(MediaItem source, ClipMode mode, Optional<ClipTemplate> template) {
        if (template.isPresent()) {
            return template.get().output().format().wire();
        }
        if (mode == ClipMode.REENCODE) {
            return "mp4";
        }
        String ext = MediaFiles.extensionOf(source.storedPath());
        return KEPT_CONTAINERS.contains(ext) ? ext : "mp4";
    }

    /** The media item's name: the title as a file name, cut to what a row holds. */
    private static String fileName(String title, String extension) {
        String suffix = "." + extension;
        String base = title.length() + suffix.length() > 255 ? title.substring(0, 255 - suffix.length()) : title;
        return base + suffix;
    }
}
