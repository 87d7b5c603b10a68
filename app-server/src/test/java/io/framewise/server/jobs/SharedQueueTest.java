package io.framewise.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.Ids;
import io.framewise.server.db.MutableClock;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.testing.PostgresPerDataFolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one PostgreSQL queue: three {@link Database}s on the same database stand for three
 * server processes (each keeps its own writer, as a node does), claiming from many threads at once.
 */
class SharedQueueTest {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int JOBS = 300;

    private final MutableClock clock = new MutableClock();
    private final List<Database> nodes = new ArrayList<>();
    private MediaItem media;

    @BeforeEach
    void threeNodesOnOneDatabase() {
        DatabaseLocation.Postgres shared = PostgresPerDataFolder.cluster().newDatabase("queue");
        for (int i = 0; i < 3; i++) {
            nodes.add(Database.open(shared, clock));
        }
        String id = Ids.newId();
        media = new JooqMediaRepository(nodes.get(0)).create(new NewMediaItem(id, "a.mov", "media/" + id, 10, null));
    }

    @AfterEach
    void close() {
        nodes.forEach(Database::close);
    }

    @Test
    void everyJobIsClaimedOnceWhenThreeNodesClaimAtOnce() throws Exception {
        JobRepository first = new JooqJobRepository(nodes.get(0));
        for (int i = 0; i < JOBS; i++) {
            first.enqueue(JobKind.PROBE, media.id(), i % 3, null);
        }
        ConcurrentHashMap<String, String> claimedBy = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> twice = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            JobRepository node = new JooqJobRepository(nodes.get(n));
            String nodeId = "node-" + n;
            for (int w = 0; w < 3; w++) {
                String worker = nodeId + "-w" + w;
                workers.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (Optional<Job> job; (job = node.claimNext(nodeId, worker, LEASE)).isPresent(); ) {
                        if (claimedBy.putIfAbsent(job.get().id(), worker) != null) {
                            twice.add(job.get().id());
                        }
                        assertTrue(node.complete(job.get().id(), worker), "the claimer holds the lease");
                        mine++;
                    }
                    return mine;
                }));
            }
        }
        start.countDown();
        int total = 0;
        Set<Integer> perWorker = new HashSet<>();
        for (Future<Integer> f : workers) {
            int n = f.get(120, TimeUnit.SECONDS);
            perWorker.add(n);
            total += n;
        }
        pool.shutdown();
        assertTrue(twice.isEmpty(), "claimed twice: " + twice);
        assertEquals(JOBS, total);
        assertEquals(JOBS, claimedBy.size());
        assertTrue(
                claimedBy.values().stream()
                                .map(w -> w.substring(0, 6))
                                .distinct()
                                .count()
                        > 1,
                "more than one node took work");
    }

    @Test
    void aJobWhoseNodeDiedIsFinishedByAnotherAfterItsLease() {
        JobRepository dead = new JooqJobRepository(nodes.get(0));
        JobRepository alive = new JooqJobRepository(nodes.get(1));
        Job job = dead.enqueue(JobKind.FRAMEMAP, media.id(), 5, null);
        assertEquals(
                job.id(), dead.claimNext("node-a", "a-w0", LEASE).orElseThrow().id());
        assertTrue(alive.claimNext("node-b", "b-w0", LEASE).isEmpty(), "a held job is not claimed again");

        clock.advance(LEASE.plusSeconds(1));
        // Both nodes sweep at once; the job goes back to the queue once, not twice.
        List<Job> requeued = new ArrayList<>(alive.requeueExpiredLeases());
        requeued.addAll(new JooqJobRepository(nodes.get(2)).requeueExpiredLeases());
        assertEquals(1, requeued.size());
        Job again = alive.claimNext("node-b", "b-w0", LEASE).orElseThrow();
        assertEquals(job.id(), again.id());
        assertEquals(1, again.attempts());
        assertTrue(alive.complete(again.id(), "b-w0"));
        assertTrue(!dead.complete(job.id(), "a-w0"), "the dead node's late answer is refused");
        assertEquals(JobState.DONE, alive.get(job.id()).orElseThrow().state());
    }
}
