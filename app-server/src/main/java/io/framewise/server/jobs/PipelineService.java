package io.framewise.server.jobs;

import io.framewise.server.db.UnitOfWork;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state changes of processing: an item becomes {@code ready} or {@code failed}, and steps queue
 * the next ones. Each is one unit of work, so the status and its activity entry are stored together
 * (a crash never leaves a ready item the feed does not know of); {@code ready} and {@code failed} are
 * published after the commit, and idle workers are woken once a queued job is committed.
 */
public final class PipelineService {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineService.class);

    private final MediaRepository media;
    private final JobRepository jobs;
    private final UnitOfWork work;
    private final DomainEvents events;
    private final Runnable jobQueued;

    public PipelineService(
            MediaRepository media, JobRepository jobs, UnitOfWork work, DomainEvents events, Runnable jobQueued) {
        this.media = Objects.requireNonNull(media, "media");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.work = Objects.requireNonNull(work, "work");
        this.events = Objects.requireNonNull(events, "events");
        this.jobQueued = Objects.requireNonNull(jobQueued, "jobQueued");
    }

    /**
     * Marks a processing item ready with its {@code media.ready} entry; a repeated call (a step run
     * again after a crash) changes and announces nothing.
     *
     * @return whether the item became ready now
     */
    public boolean becomeReady(String mediaId) {
        boolean changed = work.inTransaction(() -> {
            MediaItem now = media.get(mediaId).orElse(null);
            if (now == null || now.status() != MediaStatus.PROCESSING) {
                return false;
            }
            media.markReady(mediaId);
            events.media(LibraryEvent.ready(mediaId, null), Map.of());
            return true;
        });
        if (changed) {
            LOG.info("Media {} is ready", mediaId);
        }
        return changed;
    }

    /**
     * Marks an item failed with {@code reason} (cut to what a row holds) and its {@code media.failed}
     * entry; an item that already failed changes and announces nothing.
     *
     * @return whether the item failed now
     */
    public boolean fail(String mediaId, String reason) {
        String text = reason == null || reason.isBlank() ? "processing failed" : reason;
        if (text.length() > MediaItem.MAX_ERROR) {
            text = text.substring(0, MediaItem.MAX_ERROR - 3) + "...";
        }
        String stored = text;
        return work.inTransaction(() -> {
            MediaItem now = media.get(mediaId).orElse(null);
            if (now == null || now.status() == MediaStatus.FAILED || !media.markFailed(mediaId, stored)) {
                return false;
            }
            events.media(LibraryEvent.failed(mediaId, null, stored), Map.of("reason", stored));
            return true;
        });
    }

    /**
     * Queues {@code kind} unless a queued, running or done job of that kind exists (a step re-run
     * after a crash), in the caller's unit of work if there is one.
     */
    public void queueOnce(String mediaId, JobKind kind, int priority) {
        work.inTransaction(() -> {
            List<Job> existing = jobs.listByMedia(mediaId);
            boolean live = existing.stream().anyMatch(j -> j.kind() == kind && j.state() != JobState.FAILED);
            if (!live) {
                jobs.enqueue(kind, mediaId, priority, null);
                work.afterCommit(jobQueued);
            }
        });
    }

    /** Runs {@code steps} (the writes that end a step: what it found, the next jobs, ready) as one unit of work. */
    public void together(Runnable steps) {
        work.inTransaction(steps);
    }
}
