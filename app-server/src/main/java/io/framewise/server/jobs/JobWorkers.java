package io.framewise.server.jobs;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of worker threads draining the persistent job queue. Each worker claims a job with a
 * lease and a shared timer extends the lease while the job runs, so a job outliving its first lease
 * is never handed out twice; when the process dies the lease lapses and {@link
 * JobRepository#requeueExpiredLeases()} (run at start and at every idle poll) queues it again.
 *
 * <p>Failures: {@link MediaException.Corrupt} and {@link MediaException.Unsupported} are facts about
 * the file, so retrying cannot help: the handler is told at once and the job is concluded (its
 * reason lives on the media item). Anything else goes back to the queue through {@link
 * JobRepository#fail}, and when that says the failure was final the handler is told.
 *
 * <p>Closing cancels the running steps through their {@link Cancellation} and waits for the threads.
 * A job stopped that way is left under its lease, exactly as after a crash: it resumes once the
 * lease lapses (which the queue counts as an attempt).
 */
public final class JobWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);

    private final JobRepository jobs;
    private final JobHandler handler;
    private final int count;
    private final Duration lease;
    private final Duration idlePoll;
    private final String prefix;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService leaseTimer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean stopping;
    private boolean started;

    /**
     * @param count how many workers run at once
     * @param lease how long a claim holds without being extended; extended every third of it
     * @param idlePoll how long an idle worker waits before looking at the queue again
     */
    public JobWorkers(JobRepository jobs, JobHandler handler, int count, Duration lease, Duration idlePoll) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        this.jobs = jobs;
        this.handler = handler;
        this.count = count;
        this.lease = lease;
        this.idlePoll = idlePoll;
        this.prefix = "worker-" + Long.toHexString(System.nanoTime() & 0xffffffL) + "-";
        this.leaseTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-lease-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Resumes jobs whose workers vanished, then starts the workers. */
    public synchronized void start() {
        if (started || stopping) {
            return;
        }
        started = true;
        requeueExpired();
        for (int i = 0; i < count; i++) {
            String workerId = prefix + i;
            Thread t = new Thread(() -> loop(workerId), "job-" + workerId);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops a running job (its media item is being deleted); a job not running here is left alone. */
    public void cancel(String jobId) {
        Cancellation c = running.get(jobId);
        if (c != null) {
            c.cancel();
        }
    }

    /** Wakes idle workers: a job was just queued. */
    public void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop(String workerId) {
        while (!stopping) {
            Optional<Job> next;
            try {
                next = jobs.claimNext(workerId, lease);
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warn("Worker {} could not claim a job", workerId, e);
                next = Optional.empty();
            }
            if (next.isPresent()) {
                runOne(workerId, next.get());
            } else {
                idle();
            }
        }
    }

    private void idle() {
        lock.lock();
        try {
            if (!stopping) {
                wake.await(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            lock.unlock();
        }
        if (!stopping) {
            requeueExpired();
        }
    }

    private void requeueExpired() {
        try {
            for (Job job : jobs.requeueExpiredLeases()) {
                LOG.info(
                        "Job {} ({}) of media {} resumes after its worker stopped",
                        job.id(),
                        job.kind(),
                        job.mediaId());
                if (job.state() == JobState.FAILED) {
                    handler.failed(job, job.lastError());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not requeue expired jobs", e);
        }
    }

    private void runOne(String workerId, Job job) {
        Cancellation cancel = new Cancellation();
        running.put(job.id(), cancel);
        if (stopping) {
            cancel.cancel();
        }
        long every = Math.max(1, lease.toMillis() / 3);
        var extender = leaseTimer.scheduleAtFixedRate(() -> extend(job, workerId), every, every, TimeUnit.MILLISECONDS);
        try {
            handler.run(job, cancel);
            jobs.complete(job.id(), workerId);
        } catch (MediaException.Cancelled e) {
            LOG.info(
                    "Job {} ({}) of media {} stopped for shutdown; it resumes on restart",
                    job.id(),
                    job.kind(),
                    job.mediaId());
        } catch (MediaException.Corrupt | MediaException.Unsupported e) {
            String reason = reason(e);
            LOG.info("Job {} ({}) of media {} failed for good: {}", job.id(), job.kind(), job.mediaId(), reason);
            concludeFailed(workerId, job, reason);
        } catch (Exception | Error e) {
            if (stopping) {
                LOG.info("Job {} ({}) interrupted by shutdown: {}", job.id(), job.kind(), e.toString());
                return;
            }
            String reason = reason(e);
            LOG.warn("Job {} ({}) of media {} failed: {}", job.id(), job.kind(), job.mediaId(), reason, e);
            try {
                if (jobs.fail(job.id(), workerId, reason)) {
                    handler.failed(job, reason);
                }
            } catch (RuntimeException lost) {
                LOG.warn("Job {} could not record its failure: {}", job.id(), lost.toString());
            }
        } finally {
            extender.cancel(false);
            running.remove(job.id());
        }
    }

    private void concludeFailed(String workerId, Job job, String reason) {
        try {
            handler.failed(job, reason);
        } finally {
            jobs.complete(job.id(), workerId);
        }
    }

    private void extend(Job job, String workerId) {
        try {
            if (!jobs.extendLease(job.id(), workerId, lease)) {
                LOG.warn("Job {} lost its lease; stopping it", job.id());
                Cancellation c = running.get(job.id());
                if (c != null) {
                    c.cancel();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not extend the lease of job {}", job.id(), e);
        }
    }

    /** The reason kept on the item: the engine's message without the server path it starts with. */
    static String reason(Throwable e) {
        if (e instanceof MediaException m && m.file().isPresent()) {
            return m.getMessage().replace(m.file().get() + ": ", "");
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    /** Cancels running steps and waits (a few seconds at most) for the workers to stop. */
    @Override
    public void close() {
        synchronized (this) {
            stopping = true;
        }
        running.values().forEach(Cancellation::cancel);
        // No thread interrupts: they would close the database's and the engine's file channels
        // under a half-done write. The cancellation reaches the engine within a frame.
        signal();
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        leaseTimer.shutdownNow();
    }
}
