package io.framewise.server.media;

import io.framewise.media.framemap.FrameMapBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * Timings and limits of the media slice that deployments leave alone and tests shorten.
 *
 * @param jobLease how long a worker's claim on a job holds unless extended (extended every third of
 *     it while the job runs); after a crash the job resumes once it lapsed
 * @param jobPoll how often idle workers look at the queue and requeue lapsed jobs
 * @param watchPoll how often the watched folder is scanned; a file is taken after two unchanged scans
 * @param openReaders how many frame readers stay open for stills
 * @param maxFrames the most video frames a media item may have: probing and indexing a longer (or
 *     hostile) video fails with that reason instead of holding ever more memory
 * @param uploadExpiry how long a resumable upload may sit idle before it and its bytes are removed
 * @param uploadSweep how often expired resumable uploads are looked for (also once at start)
 */
public record MediaOptions(
        Duration jobLease,
        Duration jobPoll,
        Duration watchPoll,
        int openReaders,
        long maxFrames,
        Duration uploadExpiry,
        Duration uploadSweep) {

    public static final MediaOptions DEFAULT = new MediaOptions(
            Duration.ofMinutes(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            8,
            FrameMapBuilder.DEFAULT_MAX_FRAMES,
            Duration.ofDays(7),
            Duration.ofHours(1));

    /**
     * Hidden system property: the job lease in whole seconds. Crash-recovery tests start the server
     * with a lease of a few seconds so a job killed with the process resumes soon after the restart;
     * deployments keep the default, which only decides how long a crashed job waits to resume.
     */
    public static final String JOB_LEASE_PROPERTY = "framewise.jobLeaseSeconds";

    /** How often idle workers look at the queue, in milliseconds (10 or more; tests of waking use it). */
    public static final String JOB_POLL_PROPERTY = "framewise.jobPollMillis";

    public MediaOptions {
        Objects.requireNonNull(jobLease, "jobLease");
        Objects.requireNonNull(jobPoll, "jobPoll");
        Objects.requireNonNull(watchPoll, "watchPoll");
        Objects.requireNonNull(uploadExpiry, "uploadExpiry");
        Objects.requireNonNull(uploadSweep, "uploadSweep");
        if (jobLease.toMillis() < 100 || jobPoll.toMillis() < 10 || watchPoll.toMillis() < 10) {
            throw new IllegalArgumentException("jobLease must be at least 100 ms, the polls at least 10 ms");
        }
        if (openReaders < 1) {
            throw new IllegalArgumentException("openReaders must be at least 1, was " + openReaders);
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        if (uploadExpiry.toMillis() < 1 || uploadSweep.toMillis() < 10) {
            throw new IllegalArgumentException("uploadExpiry must be positive and uploadSweep at least 10 ms");
        }
    }

    /** The defaults, with the job lease from {@value #JOB_LEASE_PROPERTY} when that property is set. */
    public static MediaOptions fromSystemProperties() {
        MediaOptions options = DEFAULT;
        String poll = System.getProperty(JOB_POLL_PROPERTY);
        if (poll != null && !poll.isBlank()) {
            try {
                options = options.withJobPoll(Duration.ofMillis(Long.parseLong(poll.strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        JOB_POLL_PROPERTY + " must be a whole number of milliseconds, was '" + poll + "'");
            }
        }
        String lease = System.getProperty(JOB_LEASE_PROPERTY);
        if (lease == null || lease.isBlank()) {
            return options;
        }
        long seconds;
        try {
            seconds = Long.parseLong(lease.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    JOB_LEASE_PROPERTY + " must be a whole number of seconds, was '" + lease + "'");
        }
        if (seconds < 1 || seconds > 86_400) {
            throw new IllegalArgumentException(
                    JOB_LEASE_PROPERTY + " must be between 1 and 86400 seconds, was " + seconds);
        }
        return options.withJobLease(Duration.ofSeconds(seconds));
    }

    public MediaOptions withJobLease(Duration value) {
        return new MediaOptions(value, jobPoll, watchPoll, openReaders, maxFrames, uploadExpiry, uploadSweep);
    }

    public MediaOptions withJobPoll(Duration value) {
        return new MediaOptions(jobLease, value, watchPoll, openReaders, maxFrames, uploadExpiry, uploadSweep);
    }

    public MediaOptions withWatchPoll(Duration value) {
        return new MediaOptions(jobLease, jobPoll, value, openReaders, maxFrames, uploadExpiry, uploadSweep);
    }

    public MediaOptions withMaxFrames(int value) {
        return new MediaOptions(jobLease, jobPoll, watchPoll, openReaders, value, uploadExpiry, uploadSweep);
    }

    /** How many frame readers (each a decoder with its frame cache) stay open at most. */
    public MediaOptions withOpenReaders(int value) {
        return new MediaOptions(jobLease, jobPoll, watchPoll, value, maxFrames, uploadExpiry, uploadSweep);
    }

    /** How long idle resumable uploads live, and how often they are swept. */
    public MediaOptions withUploadExpiry(Duration expiry, Duration sweep) {
        return new MediaOptions(jobLease, jobPoll, watchPoll, openReaders, maxFrames, expiry, sweep);
    }
}
