package io.framewise.server.audit;

import io.framewise.server.db.Paging;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where audit entries are kept, row for row as {@link AuditRecord}s. It only adds and reads; how an
 * entry is chained and sealed is {@link AuditLog}'s and {@link AuditChain}'s business.
 */
public interface AuditRepository {

    /**
     * Stores the record {@code next} makes from the newest stored one (empty when there is none),
     * atomically: no other append runs between reading the newest and storing the next, and an
     * append inside an enclosing write joins its transaction.
     */
    AuditRecord appendAfterLast(Function<Optional<AuditRecord>, AuditRecord> next);

    /** The newest record, if any. */
    Optional<AuditRecord> last();

    /** One page of the records matching {@code filter}, in sequence order (newest first if the paging says so). */
    List<AuditRecord> find(AuditFilter filter, Paging paging);

    /** How many records match {@code filter}. */
    int count(AuditFilter filter);

    /** The newest record's sequence number, 0 when the log is empty. */
    long lastSeq();

    /** Up to {@code limit} records matching {@code filter} with {@code after < seq <= through}, oldest first. */
    List<AuditRecord> matchingBetween(AuditFilter filter, long after, long through, int limit);

    /** Up to {@code limit} records with a sequence number above {@code after}, oldest first. */
    List<AuditRecord> after(long after, int limit);
}
