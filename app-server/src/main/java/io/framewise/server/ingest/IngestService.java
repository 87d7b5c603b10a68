package io.framewise.server.ingest;

import io.framewise.media.MediaException;
import io.framewise.media.sequence.ImageSequences;
import io.framewise.model.time.FrameRate;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.Ids;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.filing.FilingService;
import io.framewise.server.filing.WatchedFolderFiling;
import io.framewise.server.http.ApiException;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.upload.ReceivedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a completely received file (plain or multipart upload, tus, the watched folder) into the
 * library. The file is renamed to {@code <data>/media/<id>/original.<ext>} and synced; then one unit
 * of work writes the item row (status processing), its first job (probe), its activity entry and its
 * audit entry, so a crash or a failure never leaves an item without the job that processes it.
 * {@code added} is published and idle workers are woken only after that commit. The caller answers
 * 201 after this returns, so an acknowledged upload has its file and its row on disk.
 *
 * <p>Every way in files the item in the same unit of work (ADR 0049): an upload where its request
 * said ({@link FilingService.Target}) or else in its uploader's home, a dropped file by the folders
 * it sat in ({@link WatchedFolderFiling}). A refused filing stores nothing.
 *
 * <p>A crash before the commit leaves an unacknowledged file in the item folder and nothing in the
 * library; the client did not get a 201 and uploads again. A unit that fails takes its file back out.
 */
public final class IngestService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    /** The first step of every item runs before follow-up steps of items already in the queue. */
    public static final int PROBE_PRIORITY = 10;

    private final MediaFiles files;
    private final MediaRepository media;
    private final JobRepository jobs;
    private final UnitOfWork work;
    private final DomainEvents events;
    private final Permissions permissions;
    private final Runnable jobQueued;
    private final FilingService filing;
    private final WatchedFolderFiling watchedFiling;

    /** A stored item and the asset it was filed as (null when nothing could file it). */
    /** The folder of an image sequence's files inside its item folder. */
    public static final String SEQUENCE_FRAMES = "frames";

    public record Ingested(MediaItem item, String assetId) {}

    /** Where the item is filed, inside the unit of work that stores it. */
    @FunctionalInterface
    private interface Filer {
        String file(MediaItem item);
    }

    /**
     * @param jobQueued called after a job was queued and committed, so idle workers look at once
     *     rather than at their next poll
     */
    public IngestService(
            MediaFiles files,
            MediaRepository media,
            JobRepository jobs,
            UnitOfWork work,
            DomainEvents events,
            Permissions permissions,
            Runnable jobQueued) {
        this.files = Objects.requireNonNull(files, "files");
        this.media = Objects.requireNonNull(media, "media");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.work = Objects.requireNonNull(work, "work");
        this.events = Objects.requireNonNull(events, "events");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.jobQueued = Objects.requireNonNull(jobQueued, "jobQueued");
        this.filing = null;
        this.watchedFiling = null;
    }

    /** As the other constructor, filing every item it takes in (see the class comment). */
    public IngestService(
            MediaFiles files,
            MediaRepository media,
            JobRepository jobs,
            UnitOfWork work,
            DomainEvents events,
            Permissions permissions,
            Runnable jobQueued,
            FilingService filing,
            WatchedFolderFiling watchedFiling) {
        this.files = Objects.requireNonNull(files, "files");
        this.media = Objects.requireNonNull(media, "media");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.work = Objects.requireNonNull(work, "work");
        this.events = Objects.requireNonNull(events, "events");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.jobQueued = Objects.requireNonNull(jobQueued, "jobQueued");
        this.filing = Objects.requireNonNull(filing, "filing");
        this.watchedFiling = Objects.requireNonNull(watchedFiling, "watchedFiling");
    }

    /** Checks where a request wants its upload filed, before its body is read (see {@link FilingService#check}). */
    public FilingService.Target target(Caller caller, String projectId, String folderId, String assetId) {
        if (filing == null) {
            return FilingService.Target.HOME;
        }
        return filing.check(caller, projectId, folderId, assetId);
    }

    /** Refuses a caller who may not upload, before any work is done for them. */
    public void requireUpload(Caller caller) {
        permissions.require(caller, Action.MEDIA_UPLOAD, Resource.SERVER);
    }

    /** An upload in one request, by the signed-in {@code caller}, who may then see it before it is filed. */
    public MediaItem upload(Caller caller, ReceivedFile file) throws IOException {
        return upload(caller, file, FilingService.Target.HOME).item();
    }

    /** As {@link #upload(Caller, ReceivedFile)}, filed at a target {@link #target} checked. */
    public Ingested upload(Caller caller, ReceivedFile file, FilingService.Target target) throws IOException {
        permissions.require(caller, Action.MEDIA_UPLOAD, Resource.SERVER);
        String uploader = caller.person().userId();
        return add(file, uploader, filedAt(uploader, target), auditedUpload(caller));
    }

    /** A resumable upload's last piece arrived: {@code ownerId} created it (null for nobody in particular). */
    public MediaItem resumableUpload(String ownerId, ReceivedFile file) throws IOException {
        return resumableUpload(ownerId, file, FilingService.Target.HOME).item();
    }

    /**
     * As {@link #resumableUpload(String, ReceivedFile)}, filed at the target the upload named when it
     * was created (already {@link FilingService#recheck rechecked} for the owner).
     */
    public Ingested resumableUpload(String ownerId, ReceivedFile file, FilingService.Target target) throws IOException {
        return add(file, ownerId, filedAt(ownerId, target), auditedResumable(ownerId));
    }

    /** A file dropped into the watched folder: nobody uploaded it, and no audit entry names anyone. */
    public MediaItem dropped(ReceivedFile file) throws IOException {
        return dropped(file, List.of()).item();
    }

    /**
     * A file dropped into a subfolder of the watched folder ({@code dirs}: the folder names between
     * {@code incoming} and the file), filed by them; a file under {@code users/NAME} is NAME's upload.
     *
     * @throws WatchedFolderFiling.Refused when the folders name a place that cannot be (nothing stored)
     */
    public Ingested dropped(ReceivedFile file, List<String> dirs) throws IOException {
        String owner =
                watchedFiling == null ? null : watchedFiling.ownerOf(dirs).orElse(null);
        return add(file, owner, filedBy(dirs), item -> {});
    }

    /**
     * An image sequence uploaded as an archive and unpacked into {@code folder}, by the signed-in
     * {@code caller}, filed at {@code target} like any upload: see {@link #addSequence}.
     */
    public Ingested uploadSequence(
            Caller caller, ReceivedFile archive, Path folder, FrameRate rate, FilingService.Target target)
            throws IOException {
        permissions.require(caller, Action.MEDIA_UPLOAD, Resource.SERVER);
        String uploader = caller.person().userId();
        return addSequence(
                folder,
                displayName(archive),
                archive.sha256(),
                rate,
                uploader,
                filedAt(uploader, target),
                auditedUpload(caller));
    }

    /** An image sequence uploaded resumably as an archive by {@code ownerId}, unpacked into {@code folder}. */
    public Ingested resumableSequence(
            String ownerId, ReceivedFile archive, Path folder, FrameRate rate, FilingService.Target target)
            throws IOException {
        return addSequence(
                folder,
                displayName(archive),
                archive.sha256(),
                rate,
                ownerId,
                filedAt(ownerId, target),
                auditedResumable(ownerId));
    }

    /**
     * A folder of numbered images dropped into the watched folder, filed by the folders above it
     * ({@code dirs}, as for a single file).
     */
    public Ingested droppedSequence(Path folder, String name, FrameRate rate, List<String> dirs) throws IOException {
        String owner =
                watchedFiling == null ? null : watchedFiling.ownerOf(dirs).orElse(null);
        return addSequence(folder, name, null, rate, owner, filedBy(dirs), item -> {});
    }

    /**
     * Takes a folder of numbered images as one item: the folder is moved to {@code
     * <data>/media/<id>/frames/}, gaps are filled with missing-frame pictures and the manifest {@code
     * original.imgseq} is written beside it; the manifest is the item's original, which every step
     * opens like a media file. {@code sha256} is the archive's, or, for a folder, the digest of the
     * image files' names and bytes in number order.
     */
    private Ingested addSequence(
            Path folder,
            String name,
            String sha256,
            FrameRate rate,
            String uploaderId,
            Filer filer,
            java.util.function.Consumer<MediaItem> audit)
            throws IOException {
        ImageSequences.Scan scan;
        try {
            scan = ImageSequences.scan(folder);
        } catch (MediaException e) {
            throw new ApiException.Invalid(SequenceFolders.reason(e), Map.of("name", name));
        }
        String id = Ids.newId();
        Path frames = files.file(id, SEQUENCE_FRAMES);
        Path manifest = files.file(id, "original." + ImageSequences.MANIFEST_EXTENSION);
        long size;
        String digest;
        try {
            SequenceFolders.moveFolder(folder, frames);
            digest = sha256 != null ? sha256 : SequenceFolders.digest(frames, scan);
            ImageSequences.prepare(frames, manifest, rate);
            size = SequenceFolders.size(frames);
            // Sealed before they are published, like any original; the engine opens sealed images one by one.
            io.framewise.server.crypto.SealedMedia.sealTreeIfOn(frames);
            io.framewise.server.crypto.SealedMedia.sealIfOn(manifest);
            files.publish(files.dir(id));
        } catch (MediaException e) {
            files.deleteAll(id);
            throw new ApiException.Invalid(SequenceFolders.reason(e), Map.of("name", name));
        } catch (IOException | RuntimeException e) {
            files.deleteAll(id);
            throw e;
        }
        return record(id, displayName(name), manifest, size, digest, uploaderId, filer, audit);
    }

    private Ingested add(
            ReceivedFile file, String uploaderId, Filer filer, java.util.function.Consumer<MediaItem> audit)
            throws IOException {
        String id = Ids.newId();
        String name = displayName(file);
        Path target = files.originalFor(id, file.safeName());
        MediaFiles.moveDurably(file.path(), target);
        long size = Files.size(target);
        try {
            // Sealed before it is published: the store only ever holds the sealed bytes.
            io.framewise.server.crypto.SealedMedia.sealIfOn(target);
        } catch (IOException | RuntimeException e) {
            files.deleteAll(id);
            throw e;
        }
        publishOrDrop(id, target);
        return record(id, name, target, size, file.sha256(), uploaderId, filer, audit);
    }

    /** Publishes a new original before the item exists: a store that refuses it leaves nothing behind. */
    private void publishOrDrop(String id, Path target) {
        try {
            files.publish(target);
        } catch (RuntimeException e) {
            files.deleteAll(id);
            throw e;
        }
    }

    private Ingested record(
            String id,
            String name,
            Path target,
            long size,
            String sha256,
            String uploaderId,
            Filer filer,
            java.util.function.Consumer<MediaItem> audit) {
        Ingested ingested;
        try {
            ingested = work.inTransaction(() -> {
                MediaItem created =
                        media.create(new NewMediaItem(id, name, files.relative(target), size, sha256, uploaderId));
                String assetId = filer.file(created);
                jobs.enqueue(JobKind.PROBE, id, PROBE_PRIORITY, null);
                audit.accept(created);
                events.media(LibraryEvent.added(id, null, name), Map.of("name", name, "sizeBytes", size));
                work.afterCommit(jobQueued);
                return new Ingested(created, assetId);
            });
        } catch (RuntimeException e) {
            // Not acknowledged and rolled back: take the file back out so nothing half-made stays.
            files.deleteAll(id);
            throw e;
        }
        LOG.info("Added media {} '{}' ({} bytes) as asset {}", id, name, size, ingested.assetId());
        return ingested;
    }

    /** Files an item at {@code target} for {@code uploader} (the uploader's home when none is named). */
    private Filer filedAt(String uploader, FilingService.Target target) {
        return item -> filing == null
                ? null
                : filing.file(item.id(), FilingService.titleOf(item.originalName()), uploader, target);
    }

    /** Files an item dropped into the watched folder by the folders it sat in. */
    private Filer filedBy(List<String> dirs) {
        return item -> watchedFiling == null
                ? null
                : watchedFiling.file(item.id(), FilingService.titleOf(item.originalName()), dirs);
    }

    private java.util.function.Consumer<MediaItem> auditedUpload(Caller caller) {
        return item -> permissions.audit(
                caller, "media.uploaded", new Resource.Media(item.id()), AuditOutcome.SUCCESS, details(item, false));
    }

    private java.util.function.Consumer<MediaItem> auditedResumable(String ownerId) {
        return item -> permissions.auditFor(
                ownerId,
                null,
                "media.uploaded",
                new Resource.Media(item.id()),
                AuditOutcome.SUCCESS,
                details(item, true));
    }

    private static Map<String, Object> details(MediaItem item, boolean resumable) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", item.originalName());
        details.put("sizeBytes", item.sizeBytes());
        if (resumable) {
            details.put("resumable", true);
        }
        return details;
    }

    /** The name shown to users: the client's own (kept as data), cut to the 255 characters a row holds. */
    private static String displayName(ReceivedFile file) {
        String name = file.originalName();
        if (name == null || name.isBlank()) {
            name = file.safeName();
        }
        return displayName(name);
    }

    private static String displayName(String name) {
        name = name.strip();
        return name.length() <= 255 ? name : name.substring(0, 255);
    }
}
