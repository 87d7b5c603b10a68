package io.framewise.server.jobs;

import io.framewise.media.Cancellation;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one handler {@link JobWorkers} run, passing each job to the handler of its kind: the media
 * pipeline for the processing steps, and features with jobs of their own (clips) for theirs. Kinds
 * are added before the workers start.
 */
public final class JobHandlers implements JobHandler {

    private final JobHandler fallback;
    private final Map<JobKind, JobHandler> byKind = new EnumMap<>(JobKind.class);

    /** @param fallback runs every kind no other handler was added for */
    public JobHandlers(JobHandler fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** Runs jobs of {@code kind} with {@code handler} from now on. */
    public synchronized JobHandlers add(JobKind kind, JobHandler handler) {
        byKind.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    private synchronized JobHandler of(Job job) {
        return byKind.getOrDefault(job.kind(), fallback);
    }

    @Override
    public void run(Job job, Cancellation cancel) throws Exception {
        of(job).run(job, cancel);
    }

    @Override
    public void failed(Job job, String reason) {
        of(job).failed(job, reason);
    }
}
