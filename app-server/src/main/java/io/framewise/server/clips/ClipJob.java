package io.framewise.server.clips;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.clip.template.TemplateClipper;
import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRange;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobHandler;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.PipelineService;
import io.framewise.server.jobs.ProgressEvents;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clip job: cuts the clip's frames out of its source with the engine (using the source's stored
 * frame map) into the clip's own media folder, then hands the clip to the ordinary pipeline, which
 * probes it, indexes its frames and makes its thumbnails exactly as for an upload, so a clip is
 * checked and becomes {@code ready} the way every other media item does (ADR 0035).
 *
 * <p>Idempotent: the engine writes under a temporary name and renames when complete, so a job
 * interrupted by a crash or a shutdown simply cuts again; what the cut gave, the copied notes and the
 * probe job are stored in one unit of work, whose being done is what a repeated run finds.
 *
 * <p>Failures end the clip's media item {@code failed} with the reason; the source is only read.
 */
public final class ClipJob implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClipJob.class);

    /** The clip's first pipeline step goes before follow-up steps of other media, like an upload's. */
    static final int PROBE_PRIORITY = 10;

    /** The stage name of a clip's progress events. */
    public static final String STAGE = "clip";

    private final MediaFiles files;
    private final MediaRepository media;
    private final ClipRepository clips;
    private final NoteCopier notes;
    private final TemplateContexts contexts;
    private final PipelineService states;
    private final UnitOfWork work;
    private final DomainEvents events;
    private final Permissions permissions;

    ClipJob(
            MediaFiles files,
            MediaRepository media,
            ClipRepository clips,
            NoteCopier notes,
            TemplateContexts contexts,
            PipelineService states,
            UnitOfWork work,
            DomainEvents events,
            Permissions permissions) {
        this.files = Objects.requireNonNull(files, "files");
        this.media = Objects.requireNonNull(media, "media");
        this.clips = Objects.requireNonNull(clips, "clips");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.states = Objects.requireNonNull(states, "states");
        this.work = Objects.requireNonNull(work, "work");
        this.events = Objects.requireNonNull(events, "events");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    @Override
    public void run(Job job, Cancellation cancel) throws IOException {
        Optional<Clip> found = job.mediaId() == null ? Optional.empty() : clips.get(job.mediaId());
        MediaItem item = found.flatMap(c -> media.get(c.mediaId())).orElse(null);
        if (item == null) {
            LOG.info("Clip job {} skipped: its clip is gone", job.id());
            return;
        }
        Clip clip = found.get();
        if (item.status() == MediaStatus.FAILED) {
            return;
        }
        if (clip.cut()) {
            // Cut and recorded by an earlier run whose end was lost: make sure the pipeline has it.
            states.queueOnce(clip.mediaId(), JobKind.PROBE, PROBE_PRIORITY);
            return;
        }
        MediaItem source = media.get(clip.sourceId()).orElse(null);
        if (source == null || source.frameMapPath() == null) {
            states.fail(clip.mediaId(), "the source media " + clip.sourceId() + " was removed before the clip was cut");
            return;
        }
        Path sourceFile = files.resolve(source.storedPath());
        FrameMap map = FrameMap.fromBytes(
                io.framewise.server.crypto.SealedMedia.readAllBytes(files.resolve(source.frameMapPath())));
        Path output = files.resolve(item.storedPath());
        PrivateFiles.directories(output.getParent());
        FrameRange range = FrameRange.of(clip.in(), clip.out());
        Progress.Listener progress = ProgressEvents.throttled(clip.mediaId(), STAGE, events::transientMedia);
        ClipResult result;
        int slate;
        if (job.payloadJson() != null) {
            ClipPayload payload = ClipPayload.read(job.payloadJson());
            TemplateClipper.Result r = new TemplateClipper()
                    .cut(
                            sourceFile,
                            map,
                            output,
                            range,
                            clip.mode(),
                            payload.template(),
                            contexts.of(clip, source, payload),
                            progress,
                            cancel);
            result = r.clip();
            slate = r.slateFrames();
        } else {
            result = new ClipCutter()
                    .cut(sourceFile, map, output, range, clip.mode(), ClipOptions.DEFAULT, progress, cancel);
            slate = 0;
        }
        result.fallbackReason().ifPresent(why -> LOG.info("Clip {} cut as {}: {}", clip.mediaId(), result.mode(), why));
        long size = Files.size(output);
        String sha256 = MediaFiles.sha256(output);
        // The clip is its own item's original: sealed like an upload (ADR 0061).
        io.framewise.server.crypto.SealedMedia.sealIfOn(output);
        work.inTransaction(() -> {
            media.setOriginal(clip.mediaId(), item.storedPath(), size, sha256);
            clips.recordCut(
                    clip.mediaId(), result.actual().in(), result.actual().out(), result.snapped(), result.mode());
            if (clip.copyNotes()) {
                int copied = notes.copy(
                        source.id(), clip.mediaId(), range, result.actual().in(), slate);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sourceId", source.id());
                details.put("notes", copied);
                details.put("in", range.in());
                details.put("out", range.out());
                details.put("offset", slate - result.actual().in());
                permissions.auditFor(
                        clip.createdBy(),
                        null,
                        "clip.notes_copied",
                        new Resource.Media(clip.mediaId()),
                        AuditOutcome.SUCCESS,
                        details);
            }
            states.queueOnce(clip.mediaId(), JobKind.PROBE, PROBE_PRIORITY);
        });
        events.transientMedia(LibraryEvent.progress(clip.mediaId(), null, STAGE, 1.0));
        LOG.info(
                "Clip {} cut from {} frames [{}, {}) as {}",
                clip.mediaId(),
                source.id(),
                result.actual().in(),
                result.actual().out(),
                result.mode());
    }

    @Override
    public void failed(Job job, String reason) {
        if (job.mediaId() != null) {
            states.fail(job.mediaId(), reason);
        }
    }
}
