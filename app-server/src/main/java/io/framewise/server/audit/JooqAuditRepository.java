package io.framewise.server.audit;

import static io.framewise.server.db.generated.Tables.AUDIT_LOG;

import io.framewise.server.db.Database;
import io.framewise.server.db.Paging;
import io.framewise.server.db.generated.tables.records.AuditLogRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * {@link AuditRepository} on the {@code audit_log} table. Appends run in {@link Database#write}: the
 * single writer makes "read the last entry, add the next" atomic, so concurrent appends never fork
 * the chain or reuse a number.
 */
public final class JooqAuditRepository implements AuditRepository {

    private final Database db;

    public JooqAuditRepository(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public AuditRecord appendAfterLast(Function<Optional<AuditRecord>, AuditRecord> next) {
        return db.write(ctx -> {
            Optional<AuditRecord> last = ctx.selectFrom(AUDIT_LOG)
                    .orderBy(AUDIT_LOG.SEQ.desc())
                    .limit(1)
                    .fetchOptional(JooqAuditRepository::toRecord);
            AuditRecord r = next.apply(last);
            ctx.insertInto(AUDIT_LOG)
                    .set(AUDIT_LOG.SEQ, r.seq())
                    .set(AUDIT_LOG.AT, r.atMillis())
                    .set(AUDIT_LOG.ACTOR_ID, r.actorId())
                    .set(AUDIT_LOG.ACTOR_NAME, r.actorName())
                    .set(AUDIT_LOG.ACTION, r.action())
                    .set(AUDIT_LOG.RESOURCE_TYPE, r.resourceType())
                    .set(AUDIT_LOG.RESOURCE_ID, r.resourceId())
                    .set(AUDIT_LOG.SOURCE_ADDRESS, r.sourceAddress())
                    .set(AUDIT_LOG.OUTCOME, r.outcome())
                    .set(AUDIT_LOG.DETAILS_JSON, r.detailsJson())
                    .set(AUDIT_LOG.PREV_HASH, r.prevHash())
                    .set(AUDIT_LOG.HASH, r.hash())
                    .execute();
            return r;
        });
    }

    @Override
    public Optional<AuditRecord> last() {
        return db.read(ctx -> ctx.selectFrom(AUDIT_LOG)
                .orderBy(AUDIT_LOG.SEQ.desc())
                .limit(1)
                .fetchOptional(JooqAuditRepository::toRecord));
    }

    @Override
    public List<AuditRecord> find(AuditFilter filter, Paging paging) {
        return db.read(ctx -> ctx.selectFrom(AUDIT_LOG)
                .where(condition(filter))
                .orderBy(paging.newestFirst() ? AUDIT_LOG.SEQ.desc() : AUDIT_LOG.SEQ.asc())
                .limit(paging.limit())
                .offset(paging.offset())
                .fetch(JooqAuditRepository::toRecord));
    }

    @Override
    public int count(AuditFilter filter) {
        return db.read(ctx -> ctx.fetchCount(AUDIT_LOG, condition(filter)));
    }

    @Override
    public long lastSeq() {
        return db.read(ctx -> ctx.select(DSL.max(AUDIT_LOG.SEQ))
                .from(AUDIT_LOG)
                .fetchOptional(0, Long.class)
                .orElse(0L));
    }

    @Override
    public List<AuditRecord> matchingBetween(AuditFilter filter, long after, long through, int limit) {
        Condition matches = condition(filter).and(AUDIT_LOG.SEQ.le(through));
        return db.read(ctx -> ctx.selectFrom(AUDIT_LOG)
                .where(matches.and(AUDIT_LOG.SEQ.gt(after)))
                .orderBy(AUDIT_LOG.SEQ)
                .limit(limit)
                .fetch(JooqAuditRepository::toRecord));
    }

    @Override
    public List<AuditRecord> after(long after, int limit) {
        return db.read(ctx -> ctx.selectFrom(AUDIT_LOG)
                .where(AUDIT_LOG.SEQ.gt(after))
                .orderBy(AUDIT_LOG.SEQ)
                .limit(limit)
                .fetch(JooqAuditRepository::toRecord));
    }

    private static Condition condition(AuditFilter f) {
        Condition c = DSL.noCondition();
        if (f.from() != null) {
            c = c.and(AUDIT_LOG.AT.ge(f.from().toEpochMilli()));
        }
        if (f.to() != null) {
            c = c.and(AUDIT_LOG.AT.lt(f.to().toEpochMilli()));
        }
        if (f.user() != null) {
            c = c.and(AUDIT_LOG.ACTOR_ID.eq(f.user()).or(AUDIT_LOG.ACTOR_NAME.eq(f.user())));
        }
        if (f.action() != null) {
            c = c.and(AUDIT_LOG.ACTION.eq(f.action()));
        }
        return c;
    }

    private static AuditRecord toRecord(AuditLogRecord r) {
        return new AuditRecord(
                r.getSeq(),
                r.getAt(),
                r.getActorId(),
                r.getActorName(),
                r.getAction(),
                r.getResourceType(),
                r.getResourceId(),
                r.getSourceAddress(),
                r.getOutcome(),
                r.getDetailsJson(),
                r.getPrevHash(),
                r.getHash());
    }
}
