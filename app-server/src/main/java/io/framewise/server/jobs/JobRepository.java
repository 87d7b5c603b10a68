package io.framewise.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The persistent job queue. A worker claims a job with a lease, extends the lease while it works
 * and completes or fails it. When a worker dies (crash, kill -9), its node requeues the job at its
 * next start ({@link #requeueInterrupted}); a job another node left is handed out again once its
 * lease expires ({@link #requeueExpiredLeases()}). Either way the interruption counts as a failed
 * attempt, so a file that kills its worker every time still ends failed after {@link
 * Job#MAX_ATTEMPTS}.
 */
public interface JobRepository {

    /** Queues a job. @param priority higher runs first */
    Job enqueue(JobKind kind, String mediaId, int priority, String payloadJson);

    Optional<Job> get(String id);

    /**
     * Atomically takes the queued job with the highest priority (oldest first among equals) for
     * {@code workerId}: each job goes to exactly one worker, however many claim at once.
     *
     * @return the job, now running under the worker's lease, or empty when nothing is queued
     */
    Optional<Job> claimNext(String nodeId, String workerId, Duration lease);

    /** As {@link #claimNext(String, String, Duration)} for a worker of no particular node (leases only). */
    default Optional<Job> claimNext(String workerId, Duration lease) {
        return claimNext(null, workerId, lease);
    }

    /** Pushes the lease end to now + {@code lease}. @return false when the worker no longer holds it */
    boolean extendLease(String jobId, String workerId, Duration lease);

    /** Marks the job done. @return false when the worker no longer holds it (its lease lapsed) */
    boolean complete(String jobId, String workerId);

    /**
     * Records a failure: the job goes back to the queue, or after {@link Job#MAX_ATTEMPTS}
     * failures becomes failed for good.
     *
     * @return true when the failure was final
     * @throws IllegalStateException when the worker no longer holds the job
     */
    boolean fail(String jobId, String workerId, String error);

    /**
     * Puts running jobs whose lease has expired back in the queue (or fails them for good after
     * {@link Job#MAX_ATTEMPTS}). Run at start-up and now and then.
     *
     * @return the jobs it changed, as they are now
     */
    List<Job> requeueExpiredLeases();

    /**
     * Puts the running jobs claimed by {@code nodeId} back in the queue at once, whatever their lease
     * says (or fails them for good after {@link Job#MAX_ATTEMPTS}). Only for a node that is starting
     * and is the only process on its data folder: its running jobs were interrupted.
     *
     * @return the jobs it changed, as they are now
     */
    List<Job> requeueInterrupted(String nodeId);

    /**
     * Puts a running job back in the queue without counting an attempt: its worker stopped it for a
     * shutdown, which says nothing about the job. @return false when the worker no longer holds it
     */
    boolean release(String jobId, String workerId);

    /** The media item's jobs, oldest first. */
    List<Job> listByMedia(String mediaId);

    /** How many jobs are in {@code state}. */
    long count(JobState state);

    /**
     * The queue at a glance, in one query (what {@code /api/metrics} reports): jobs per state and
     * when the oldest queued job was queued.
     */
    QueueStats stats();

    /** Jobs per state (every state present, zero when none) and the oldest queued job's time. */
    record QueueStats(Map<JobState, Long> perState, Optional<Instant> oldestQueued) {}
}
