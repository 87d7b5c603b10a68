package io.framewise.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.MutableClock;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.NewMediaItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRepositoryTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private Database db;
    private JobRepository jobs;
    private MediaItem media;

    @BeforeEach
    void open() {
        db = Database.open(dir, clock);
        jobs = new JooqJobRepository(db);
        String id = Ids.newId();
        media = new JooqMediaRepository(db).create(new NewMediaItem(id, "a.mov", "media/" + id, 10, null));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void higherPriorityFirstThenOldestFirst() {
        Job low = jobs.enqueue(JobKind.PROXY, media.id(), 0, null);
        clock.advance(Duration.ofMillis(1));
        Job high = jobs.enqueue(JobKind.PROBE, media.id(), 10, "{\"a\":1}");
        clock.advance(Duration.ofMillis(1));
        Job low2 = jobs.enqueue(JobKind.POSTER, media.id(), 0, null);

        assertEquals(high.id(), jobs.claimNext("w", LEASE).orElseThrow().id());
        assertEquals(low.id(), jobs.claimNext("w", LEASE).orElseThrow().id());
        Job third = jobs.claimNext("w", LEASE).orElseThrow();
        assertEquals(low2.id(), third.id());
        assertEquals(JobState.RUNNING, third.state());
        assertEquals("w", third.leaseOwner());
        assertEquals(clock.instant().plus(LEASE), third.leaseExpires());
        assertEquals(Optional.empty(), jobs.claimNext("w", LEASE));

        assertTrue(jobs.complete(third.id(), "w"));
        Job done = jobs.get(third.id()).orElseThrow();
        assertEquals(JobState.DONE, done.state());
        assertNull(done.leaseOwner());
        assertFalse(jobs.complete(third.id(), "w"), "a done job cannot be completed again");
        assertEquals(
                List.of(low.id(), high.id(), low2.id()),
                jobs.listByMedia(media.id()).stream().map(Job::id).toList());
        assertEquals("{\"a\":1}", jobs.get(high.id()).orElseThrow().payloadJson());
    }

    @Test
    void fourConcurrentWorkersGetEachJobExactlyOnce() throws Exception {
        List<String> queued = new ArrayList<>();
        db.write(ctx -> {
            for (int i = 0; i < 200; i++) {
                queued.add(jobs.enqueue(JobKind.THUMBS, media.id(), i % 3, null).id());
            }
            return null;
        });
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        List<String> doubles = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String worker = "worker-" + w;
            workers.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                for (Optional<Job> job = jobs.claimNext(worker, LEASE);
                        job.isPresent();
                        job = jobs.claimNext(worker, LEASE)) {
                    String previous = claimedBy.putIfAbsent(job.get().id(), worker);
                    if (previous != null) {
                        synchronized (doubles) {
                            doubles.add(job.get().id());
                        }
                    }
                    assertTrue(jobs.complete(job.get().id(), worker));
                    mine++;
                }
                return mine;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : workers) {
            total += f.get(60, TimeUnit.SECONDS); // an SQLITE_BUSY would surface here
        }
        pool.shutdown();
        assertEquals(List.of(), doubles);
        assertEquals(200, total);
        assertEquals(200, claimedBy.size());
        assertTrue(claimedBy.keySet().containsAll(queued));
        assertEquals(200, jobs.count(JobState.DONE));
        assertEquals(0, jobs.count(JobState.QUEUED));
    }

    @Test
    void anExpiredLeaseRequeuesTheJobOfACrashedWorker() {
        Job job = jobs.enqueue(JobKind.PROXY, media.id(), 0, null);
        assertEquals(job.id(), jobs.claimNext("crashed", LEASE).orElseThrow().id());
        // The worker dies without completing. Before the lease ends nothing happens...
        clock.advance(LEASE.minusSeconds(1));
        assertEquals(List.of(), jobs.requeueExpiredLeases());
        assertTrue(jobs.claimNext("other", LEASE).isEmpty());
        // ...after it, the job is back in the queue for another worker.
        clock.advance(Duration.ofSeconds(2));
        List<Job> requeued = jobs.requeueExpiredLeases();
        assertEquals(1, requeued.size());
        assertEquals(JobState.QUEUED, requeued.get(0).state());
        assertEquals(1, requeued.get(0).attempts());
        assertTrue(
                requeued.get(0).lastError().contains("crashed"), requeued.get(0).lastError());
        Job again = jobs.claimNext("other", LEASE).orElseThrow();
        assertEquals(job.id(), again.id());
        assertFalse(jobs.complete(job.id(), "crashed"), "the crashed worker lost its claim");
        assertTrue(jobs.complete(job.id(), "other"));
    }

    @Test
    void aRestartingNodeRequeuesItsOwnRunningJobsAtOnceButNotOtherNodes() {
        Job mine = jobs.enqueue(JobKind.PROXY, media.id(), 2, null);
        Job theirs = jobs.enqueue(JobKind.THUMBS, media.id(), 1, null);
        Job done = jobs.enqueue(JobKind.PROBE, media.id(), 0, null);
        assertEquals(
                mine.id(), jobs.claimNext("node-a", "a-1", LEASE).orElseThrow().id());
        Job claimed = jobs.claimNext("node-b", "b-1", LEASE).orElseThrow();
        assertEquals(theirs.id(), claimed.id());
        assertEquals("node-b", claimed.leaseNode());
        assertEquals(
                done.id(), jobs.claimNext("node-a", "a-2", LEASE).orElseThrow().id());
        assertTrue(jobs.complete(done.id(), "a-2"));

        // Node a comes back long before any lease lapses: its running job is queued again at once.
        List<Job> requeued = jobs.requeueInterrupted("node-a");
        assertEquals(List.of(mine.id()), requeued.stream().map(Job::id).toList());
        Job now = jobs.get(mine.id()).orElseThrow();
        assertEquals(JobState.QUEUED, now.state());
        assertEquals(1, now.attempts(), "an interruption counts as an attempt");
        assertNull(now.leaseNode());
        assertTrue(now.lastError().contains("stopped"), now.lastError());
        assertEquals(JobState.RUNNING, jobs.get(theirs.id()).orElseThrow().state(), "node b's claim stands");
        assertEquals(JobState.DONE, jobs.get(done.id()).orElseThrow().state());
        assertFalse(jobs.complete(mine.id(), "a-1"), "the interrupted worker lost its claim");
        assertEquals(
                mine.id(), jobs.claimNext("node-a", "a-3", LEASE).orElseThrow().id());
    }

    @Test
    void aJobHandedBackForAShutdownIsQueuedWithoutCountingAnAttempt() {
        Job job = jobs.enqueue(JobKind.PROXY, media.id(), 0, null);
        jobs.claimNext("node-a", "a-1", LEASE).orElseThrow();
        assertFalse(jobs.release(job.id(), "someone-else"));
        assertTrue(jobs.release(job.id(), "a-1"));
        Job now = jobs.get(job.id()).orElseThrow();
        assertEquals(JobState.QUEUED, now.state());
        assertEquals(0, now.attempts());
        assertNull(now.leaseOwner());
        assertNull(now.leaseNode());
        assertEquals(List.of(), jobs.requeueInterrupted("node-a"));
    }

    @Test
    void extendingTheLeaseKeepsAJobFromBeingRequeued() {
        Job job = jobs.enqueue(JobKind.PROXY, media.id(), 0, null);
        jobs.claimNext("slow", LEASE).orElseThrow();
        clock.advance(LEASE.minusSeconds(10));
        assertTrue(jobs.extendLease(job.id(), "slow", LEASE));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), jobs.requeueExpiredLeases());
        assertFalse(jobs.extendLease(job.id(), "someone-else", LEASE));
    }

    @Test
    void threeFailuresMarkAJobFailed() {
        Job job = jobs.enqueue(JobKind.PROBE, media.id(), 0, null);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(job.id(), jobs.claimNext("w", LEASE).orElseThrow().id());
            boolean last = jobs.fail(job.id(), "w", "bad file " + attempt);
            assertEquals(attempt == 3, last);
            Job now = jobs.get(job.id()).orElseThrow();
            assertEquals(attempt, now.attempts());
            assertEquals("bad file " + attempt, now.lastError());
            assertEquals(attempt == 3 ? JobState.FAILED : JobState.QUEUED, now.state());
        }
        assertTrue(jobs.claimNext("w", LEASE).isEmpty());
        assertThrows(IllegalStateException.class, () -> jobs.fail(job.id(), "w", "again"));
    }

    @Test
    void aWorkerThatKeepsCrashingEndsFailed() {
        Job job = jobs.enqueue(JobKind.PROXY, media.id(), 0, null);
        for (int crash = 1; crash <= 3; crash++) {
            jobs.claimNext("w" + crash, LEASE).orElseThrow();
            clock.advance(LEASE.plusSeconds(1));
            jobs.requeueExpiredLeases();
        }
        assertEquals(JobState.FAILED, jobs.get(job.id()).orElseThrow().state());
    }

    @Test
    void deletingTheMediaDeletesItsJobs() {
        jobs.enqueue(JobKind.PROBE, media.id(), 0, null);
        new JooqMediaRepository(db).delete(media.id());
        assertEquals(List.of(), jobs.listByMedia(media.id()));
    }

    @Test
    void badArgumentsNameTheField() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> jobs.claimNext("w", Duration.ZERO));
        assertTrue(e.getMessage().startsWith("lease"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> jobs.enqueue(JobKind.PROBE, "x", 0, null));
        assertTrue(e.getMessage().startsWith("mediaId"), e.getMessage());
    }
}
