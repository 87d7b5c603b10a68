package io.framewise.server.jobs;

import static io.framewise.server.db.generated.Tables.JOBS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import io.framewise.server.db.generated.tables.records.JobsRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * {@link JobRepository} on the {@code jobs} table. Claims are atomic: on SQLite every write runs
 * under the database's single writer (and in {@code BEGIN IMMEDIATE}, which also holds off other
 * processes), so the select of the next job and its update cannot interleave with another claim; on
 * PostgreSQL, where several nodes claim from one queue, the select locks the row it takes and skips
 * rows another node has locked ({@code FOR UPDATE SKIP LOCKED}), so no job is claimed twice and no
 * claimer waits for another.
 */
public final class JooqJobRepository implements JobRepository {

    private final Database db;

    public JooqJobRepository(Database db) {
        this.db = db;
    }

    @Override
    public Job enqueue(JobKind kind, String mediaId, int priority, String payloadJson) {
        Job job = new Job(
                Ids.newId(),
                kind,
                mediaId,
                JobState.QUEUED,
                0,
                null,
                priority,
                payloadJson,
                Instant.ofEpochMilli(db.nowMillis()),
                null,
                null,
                null,
                null,
                null);
        db.write(ctx -> ctx.insertInto(JOBS)
                .set(JOBS.ID, job.id())
                .set(JOBS.KIND, job.kind().wire())
                .set(JOBS.MEDIA_ID, job.mediaId())
                .set(JOBS.STATE, job.state().wire())
                .set(JOBS.ATTEMPTS, 0)
                .set(JOBS.PRIORITY, job.priority())
                .set(JOBS.PAYLOAD_JSON, job.payloadJson())
                .set(JOBS.CREATED_AT, job.created().toEpochMilli())
                .execute());
        return job;
    }

    @Override
    public Optional<Job> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.selectFrom(JOBS).where(JOBS.ID.eq(id)).fetchOptional(JooqJobRepository::toJob));
    }

    @Override
    public Optional<Job> claimNext(String nodeId, String workerId, Duration lease) {
        Require.text("workerId", workerId, 200);
        Require.optionalText("nodeId", nodeId, 200);
        long leaseMillis = leaseMillis(lease);
        return db.write(ctx -> {
            var query = ctx.selectFrom(JOBS)
                    .where(JOBS.STATE.eq(JobState.QUEUED.wire()))
                    .orderBy(JOBS.PRIORITY.desc(), JOBS.CREATED_AT, JOBS.ID)
                    .limit(1);
            Optional<JobsRecord> next = db.claim(query).stream().findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            JobsRecord r = next.get();
            long now = db.nowMillis();
            r.setState(JobState.RUNNING.wire());
            r.setStartedAt(now);
            r.setLeaseOwner(workerId);
            r.setLeaseExpiresAt(now + leaseMillis);
            r.setLeaseNode(nodeId);
            r.store();
            return Optional.of(toJob(r));
        });
    }

    @Override
    public boolean extendLease(String jobId, String workerId, Duration lease) {
        long leaseMillis = leaseMillis(lease);
        return db.write(ctx -> ctx.update(JOBS)
                        .set(JOBS.LEASE_EXPIRES_AT, db.nowMillis() + leaseMillis)
                        .where(heldBy(jobId, workerId))
                        .execute())
                == 1;
    }

    @Override
    public boolean complete(String jobId, String workerId) {
        return db.write(ctx -> ctx.update(JOBS)
                        .set(JOBS.STATE, JobState.DONE.wire())
                        .set(JOBS.FINISHED_AT, db.nowMillis())
                        .setNull(JOBS.LEASE_OWNER)
                        .setNull(JOBS.LEASE_EXPIRES_AT)
                        .setNull(JOBS.LEASE_NODE)
                        .where(heldBy(jobId, workerId))
                        .execute())
                == 1;
    }

    @Override
    public boolean fail(String jobId, String workerId, String error) {
        return db.write(ctx -> {
            JobsRecord r = ctx.selectFrom(JOBS).where(heldBy(jobId, workerId)).fetchOne();
            if (r == null) {
                throw new IllegalStateException("Job " + jobId + " is not running under worker " + workerId);
            }
            return recordFailure(r, error == null ? "unknown error" : error);
        });
    }

    @Override
    public List<Job> requeueExpiredLeases() {
        return db.write(ctx -> {
            List<Job> changed = new ArrayList<>();
            var expired = ctx.selectFrom(JOBS)
                    .where(JOBS.STATE.eq(JobState.RUNNING.wire()))
                    .and(JOBS.LEASE_EXPIRES_AT.le(db.nowMillis()))
                    .orderBy(JOBS.CREATED_AT, JOBS.ID);
            // Every node sweeps: on PostgreSQL a row another node is requeueing is left to it.
            for (JobsRecord r : db.claim(expired)) {
                recordFailure(r, "worker " + r.getLeaseOwner() + " stopped before finishing (lease expired)");
                changed.add(toJob(r));
            }
            return changed;
        });
    }

    @Override
    public List<Job> requeueInterrupted(String nodeId) {
        Require.text("nodeId", nodeId, 200);
        return db.write(ctx -> {
            List<Job> changed = new ArrayList<>();
            for (JobsRecord r : ctx.selectFrom(JOBS)
                    .where(JOBS.STATE.eq(JobState.RUNNING.wire()))
                    .and(JOBS.LEASE_NODE.eq(nodeId))
                    .orderBy(JOBS.CREATED_AT, JOBS.ID)
                    .fetch()) {
                recordFailure(r, "the server stopped before finishing (worker " + r.getLeaseOwner() + ")");
                changed.add(toJob(r));
            }
            return changed;
        });
    }

    @Override
    public boolean release(String jobId, String workerId) {
        return db.write(ctx -> ctx.update(JOBS)
                        .set(JOBS.STATE, JobState.QUEUED.wire())
                        .setNull(JOBS.LEASE_OWNER)
                        .setNull(JOBS.LEASE_EXPIRES_AT)
                        .setNull(JOBS.LEASE_NODE)
                        .where(heldBy(jobId, workerId))
                        .execute())
                == 1;
    }

    @Override
    public List<Job> listByMedia(String mediaId) {
        return db.read(ctx -> ctx.selectFrom(JOBS)
                .where(JOBS.MEDIA_ID.eq(mediaId))
                .orderBy(JOBS.CREATED_AT, JOBS.ID)
                .fetch(JooqJobRepository::toJob));
    }

    @Override
    public long count(JobState state) {
        return db.read(ctx -> (long) ctx.fetchCount(JOBS, JOBS.STATE.eq(state.wire())));
    }

    @Override
    public QueueStats stats() {
        return db.read(ctx -> {
            Map<JobState, Long> perState = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                perState.put(state, 0L);
            }
            Long oldest = null;
            for (var row : ctx.select(JOBS.STATE, DSL.count(), DSL.min(JOBS.CREATED_AT))
                    .from(JOBS)
                    .groupBy(JOBS.STATE)
                    .fetch()) {
                JobState state = JobState.fromWire(row.value1());
                perState.put(state, row.value2().longValue());
                if (state == JobState.QUEUED) {
                    oldest = row.value3();
                }
            }
            return new QueueStats(perState, Optional.ofNullable(oldest).map(Instant::ofEpochMilli));
        });
    }

    /** Counts a failed attempt on a running job's record and stores it. @return whether it is final */
    private boolean recordFailure(JobsRecord r, String error) {
        int attempts = r.getAttempts() + 1;
        boolean last = attempts >= Job.MAX_ATTEMPTS;
        r.setAttempts(attempts);
        r.setLastError(error.length() <= Job.MAX_ERROR ? error : error.substring(0, Job.MAX_ERROR - 3) + "...");
        r.setState(last ? JobState.FAILED.wire() : JobState.QUEUED.wire());
        r.setFinishedAt(last ? db.nowMillis() : null);
        r.setLeaseOwner(null);
        r.setLeaseExpiresAt(null);
        r.setLeaseNode(null);
        r.store();
        return last;
    }

    private static org.jooq.Condition heldBy(String jobId, String workerId) {
        return JOBS.ID.eq(jobId).and(JOBS.STATE.eq(JobState.RUNNING.wire())).and(JOBS.LEASE_OWNER.eq(workerId));
    }

    private static long leaseMillis(Duration lease) {
        Require.present("lease", lease);
        return Require.range("lease", lease.toMillis(), 1, Duration.ofDays(1).toMillis());
    }

    private static Job toJob(JobsRecord r) {
        return new Job(
                r.getId(),
                JobKind.fromWire(r.getKind()),
                r.getMediaId(),
                JobState.fromWire(r.getState()),
                r.getAttempts(),
                r.getLastError(),
                r.getPriority(),
                r.getPayloadJson(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                instant(r.getStartedAt()),
                instant(r.getFinishedAt()),
                r.getLeaseOwner(),
                instant(r.getLeaseExpiresAt()),
                r.getLeaseNode());
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
