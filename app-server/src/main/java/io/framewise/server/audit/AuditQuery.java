package io.framewise.server.audit;

import io.framewise.server.db.Database;
import io.framewise.server.db.Paging;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Reads the audit log: a page of matching entries for the API, or all of them for an export. */
public final class AuditQuery {

    /** Entries fetched per round trip when walking all matches. */
    static final int BATCH = 500;

    private final AuditRepository entries;

    /** Reads {@code db}'s {@code audit_log} table. */
    public AuditQuery(Database db) {
        this(new JooqAuditRepository(db));
    }

    public AuditQuery(AuditRepository entries) {
        this.entries = Objects.requireNonNull(entries, "entries");
    }

    /** One page of the entries matching {@code filter}, in sequence order (newest first if the paging says so). */
    public List<AuditRecord> find(AuditFilter filter, Paging paging) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(paging, "paging");
        return entries.find(filter, paging);
    }

    /** How many entries match {@code filter}. */
    public int count(AuditFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return entries.count(filter);
    }

    /**
     * Hands every entry matching {@code filter} to {@code sink}, oldest first, a batch at a time so
     * that neither memory nor a database reader is held for the whole walk. Entries appended after
     * the walk starts are left out, so the result is the log as it was at the start.
     */
    public void forEach(AuditFilter filter, Consumer<AuditRecord> sink) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sink, "sink");
        long end = entries.lastSeq();
        long after = 0;
        while (true) {
            List<AuditRecord> batch = entries.matchingBetween(filter, after, end, BATCH);
            batch.forEach(sink);
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.get(batch.size() - 1).seq();
        }
    }
}
