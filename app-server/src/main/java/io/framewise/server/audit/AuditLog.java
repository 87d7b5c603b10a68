package io.framewise.server.audit;

import io.framewise.server.db.Database;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The append-only audit log. Entries are only ever added: there is deliberately no way to change or
 * remove one through the product, and each carries the hash of the one before, so an entry edited or
 * removed by hand shows in {@link AuditVerifier} (the exact canonical form and hash are specified in
 * {@link AuditChain}).
 *
 * <p>The repository reads the last entry and adds the next as one atomic step, so concurrent
 * appends never fork the chain or reuse a number. An append inside an enclosing write joins its
 * transaction, so an audited change and its entry commit together.
 */
public final class AuditLog {

    private final AuditRepository entries;
    private final Clock clock;

    /** The log in {@code db}'s {@code audit_log} table, stamped with its clock. */
    public AuditLog(Database db) {
        this(new JooqAuditRepository(db), db.clock());
    }

    public AuditLog(AuditRepository entries, Clock clock) {
        this.entries = Objects.requireNonNull(entries, "entries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records {@code entry} as the next in the chain, stamped with the clock; returns the stored record. */
    public AuditRecord append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return entries.appendAfterLast(last -> {
            long seq = last.map(r -> r.seq() + 1).orElse(1L);
            String prevHash = last.map(AuditRecord::hash).orElse(AuditChain.GENESIS);
            return AuditChain.seal(seq, clock.millis(), entry, prevHash);
        });
    }

    /** The newest entry, if any (its hash is the one worth keeping elsewhere to detect truncation). */
    public Optional<AuditRecord> last() {
        return entries.last();
    }
}
