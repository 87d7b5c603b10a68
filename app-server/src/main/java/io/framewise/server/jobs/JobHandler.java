package io.framewise.server.jobs;

import io.framewise.media.Cancellation;

/** Runs the steps {@link JobWorkers} claim; knows what a job means, while the workers know when. */
public interface JobHandler {

    /**
     * Does the job's work. It must be idempotent: a job interrupted by a crash runs again from the
     * start, so each step overwrites its outputs atomically.
     *
     * @param cancel set when the server shuts down; long steps poll it and stop
     */
    void run(Job job, Cancellation cancel) throws Exception;

    /** The job gave up for good (a corrupt file at once, anything else after three attempts). */
    void failed(Job job, String reason);
}
