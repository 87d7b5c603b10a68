package io.framewise.server.audit;

import static io.framewise.server.db.generated.Tables.AUDIT_LOG;

import io.framewise.server.db.Database;
import io.framewise.server.db.Paging;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Reads the audit log: a page of matching entries for the API, or all of them for an export. */
public final class AuditQuery {

    /** Entries fetched per round trip when walking all matches. */
    static final int BATCH = 500;

    private final Database db;

    public AuditQuery(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** One page of the entries matching {@code filter}, in sequence order (newest first if the paging says so). */
    public List<AuditRecord> find(AuditFilter filter, Paging paging) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(paging, "paging");
        return db.read(ctx -> ctx.selectFrom(AUDIT_LOG)
                .where(condition(filter))
                .orderBy(paging.newestFirst() ? AUDIT_LOG.SEQ.desc() : AUDIT_LOG.SEQ.asc())
                .limit(paging.limit())
                .offset(paging.offset())
                .fetch(AuditLog::toRecord));
    }

    /** How many entries match {@code filter}. */
    public int count(AuditFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return db.read(ctx -> ctx.fetchCount(AUDIT_LOG, condition(filter)));
    }

    /**
     * Hands every entry matching {@code filter} to {@code sink}, oldest first, a batch at a time so
     * that neither memory nor a database reader is held for the whole walk. Entries appended after
     * the walk starts are left out, so the result is the log as it was at the start.
     */
    public void forEach(AuditFilter filter, Consumer<AuditRecord> sink) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sink, "sink");
        long end = db.read(ctx -> ctx.select(DSL.max(AUDIT_LOG.SEQ))
                .from(AUDIT_LOG)
                .fetchOptional(0, Long.class)
                .orElse(0L));
        Condition matches = condition(filter).and(AUDIT_LOG.SEQ.le(end));
        long after = 0;
        while (true) {
            long from = after;
            List<AuditRecord> batch = db.read(ctx -> ctx.selectFrom(AUDIT_LOG)
                    .where(matches.and(AUDIT_LOG.SEQ.gt(from)))
                    .orderBy(AUDIT_LOG.SEQ)
                    .limit(BATCH)
                    .fetch(AuditLog::toRecord));
            batch.forEach(sink);
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.get(batch.size() - 1).seq();
        }
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
}
