package io.framewise.server.audit;

import static io.framewise.server.db.generated.Tables.AUDIT_LOG;

import io.framewise.server.db.Database;
import io.framewise.server.db.generated.tables.records.AuditLogRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * The append-only audit log in the {@code audit_log} table. Entries are only ever added: there is
 * deliberately no way to change or remove one through the product, and each carries the hash of
 * the one before, so an entry edited or removed by hand shows in {@link AuditVerifier} (the exact
 * canonical form and hash are specified in {@link AuditChain}).
 *
 * <p>Appends run in {@link Database#write}: the single writer makes "read the last entry, add the
 * next" atomic, so concurrent appends never fork the chain or reuse a number. An append inside an
 * enclosing write joins its transaction, so an audited change and its entry commit together.
 */
public final class AuditLog {

    private final Database db;

    public AuditLog(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Records {@code entry} as the next in the chain, stamped with the database clock; returns the stored record. */
    public AuditRecord append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return db.write(ctx -> {
            AuditLogRecord last = ctx.selectFrom(AUDIT_LOG)
                    .orderBy(AUDIT_LOG.SEQ.desc())
                    .limit(1)
                    .fetchOne();
            long seq = last == null ? 1 : last.getSeq() + 1;
            String prevHash = last == null ? AuditChain.GENESIS : last.getHash();
            AuditRecord r = AuditChain.seal(seq, db.nowMillis(), entry, prevHash);
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

    /** The newest entry, if any (its hash is the one worth keeping elsewhere to detect truncation). */
    public Optional<AuditRecord> last() {
        return db.read(ctx ->
                ctx.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.SEQ.desc()).limit(1).fetchOptional(AuditLog::toRecord));
    }

    static AuditRecord toRecord(AuditLogRecord r) {
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
