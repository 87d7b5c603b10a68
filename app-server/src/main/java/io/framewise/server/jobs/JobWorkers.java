package io.framewise.server.jobs;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.server.NodeIdentity;
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
 * lease in the name of this server node and a shared timer extends the lease while the job runs, so a
 * job outliving its first lease is never handed out twice.
 *
 * <p>Resuming: at {@link #start(NodeIdentity)} the node's own running jobs were interrupted (a crash,
 * a kill -9, a stop), so they are queued again at once; jobs other nodes left resume when their lease
 * lapses ({@link JobRepository#requeueExpiredLeases()}, run at start and at every idle poll). When
 * another process runs on the same data folder, the node cannot tell its jobs are orphaned and leaves
 * them to the leases too.
 *
 * <p>Failures: {@link MediaException.Corrupt} and {@link MediaException.Unsupported} are facts about
 * the file, so retrying cannot help: the handler is told at once and the job is concluded (its
 * reason lives on the media item). Anything else goes back to the queue through {@link
 * JobRepository#fail}, and when that says the failure was final the handler is told.
 *
 * <p>Closing cancels the running steps through their {@link Cancellation}, puts them back in the
 * queue without counting an attempt and waits for the threads. A job whose worker could not hand it
 * back is requeued at the node's next start.
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
    private volatile String nodeId;
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

    /**
     * Resumes the jobs this node's earlier run left running (at once when {@code node} is the only
     * process on its data folder) and those whose lease lapsed, then starts the workers.
     */
    public synchronized void start(NodeIdentity node) {
        if (started || stopping) {
            return;
        }
        started = true;
        nodeId = node.id();
        if (node.sole()) {
            requeueInterrupted(node.id());
        }
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
                next = jobs.claimNext(nodeId, workerId, lease);
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

    private void requeueInterrupted(String node) {
        try {
            resumed(jobs.requeueInterrupted(node), "this node restarted");
        } catch (RuntimeException e) {
            LOG.warn("Could not requeue the jobs this node's last run left running", e);
        }
    }

    private void requeueExpired() {
        try {
            resumed(jobs.requeueExpiredLeases(), "its worker's lease lapsed");
        } catch (RuntimeException e) {
            LOG.warn("Could not requeue expired jobs", e);
        }
    }

    private void resumed(List<Job> changed, String why) {
        for (Job job : changed) {
            if (job.state() == JobState.FAILED) {
                LOG.info(
                        "Job {} ({}) of media {} gave up after {} attempts",
                        job.id(),
                        job.kind(),
                        job.mediaId(),
                        job.attempts());
                handler.failed(job, job.lastError());
            } else {
                LOG.info("Job {} ({}) of media {} resumes: {}", job.id(), job.kind(), job.mediaId(), why);
            }
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
            if (stopping) {
                handBack(workerId, job);
            } else {
                LOG.info("Job {} ({}) of media {} was stopped", job.id(), job.kind(), job.mediaId());
            }
        } catch (MediaException.Corrupt | MediaException.Unsupported e) {
            String reason = reason(e);
            LOG.info("Job {} ({}) of media {} failed for good: {}", job.id(), job.kind(), job.mediaId(), reason);
            concludeFailed(workerId, job, reason);
        } catch (Exception | Error e) {
            if (stopping) {
                LOG.info("Job {} ({}) interrupted by shutdown: {}", job.id(), job.kind(), e.toString());
                handBack(workerId, job);
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

    /** A job stopped by the shutdown goes back to the queue as it was: the next start runs it. */
    private void handBack(String workerId, Job job) {
        try {
            if (jobs.release(job.id(), workerId)) {
                LOG.info(
                        "Job {} ({}) of media {} stopped for shutdown; it resumes on restart",
                        job.id(),
                        job.kind(),
                        job.mediaId());
            }
        } catch (RuntimeException e) {
            // The database is going away too: the node requeues its running jobs when it starts.
            LOG.info("Job {} ({}) stays running until this node starts again: {}", job.id(), job.kind(), e.toString());
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
