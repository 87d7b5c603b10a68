package io.framewise.server.audit;

import io.framewise.server.db.Database;
import java.util.List;
import java.util.Objects;

/**
 * Checks the audit log's hash chain as {@link AuditChain} specifies it and reports the first entry
 * that does not fit: one whose number skips (an entry before it was removed), whose {@code
 * prev_hash} is not its predecessor's hash (a link was cut or rewritten) or whose hash does not match
 * its content (it was edited). Later entries are not examined: once the chain breaks, everything
 * after it is suspect anyway.
 */
public final class AuditVerifier {

    /** What is wrong with the first bad entry. */
    public enum Problem {
        /** The entry's number is not one more than the previous entry's: entries are missing. */
        SEQUENCE_GAP,
        /** The entry's {@code prev_hash} is not the previous entry's hash. */
        BROKEN_LINK,
        /** The entry's content does not hash to its stored hash. */
        HASH_MISMATCH
    }

    /**
     * The verdict.
     *
     * @param entries entries checked and found good
     * @param badSeq the first bad entry's number, or 0 when the chain is intact
     * @param problem what is wrong with it, or null when intact
     * @param message one line for people
     */
    public record Result(long entries, long badSeq, Problem problem, String message) {

        /** Whether every entry checked out. */
        public boolean intact() {
            return problem == null;
        }
    }

    private static final int BATCH = 500;

    private final AuditRepository entries;

    /** Checks {@code db}'s {@code audit_log} table. */
    public AuditVerifier(Database db) {
        this(new JooqAuditRepository(db));
    }

    public AuditVerifier(AuditRepository entries) {
        this.entries = Objects.requireNonNull(entries, "entries");
    }

    /** Walks the whole chain, a batch at a time, and returns the verdict. */
    public Result verify() {
        long expectedSeq = 1;
        String expectedPrev = AuditChain.GENESIS;
        while (true) {
            long after = expectedSeq - 1;
            List<AuditRecord> batch = entries.after(after, BATCH);
            for (AuditRecord r : batch) {
                Result bad = check(r, expectedSeq, expectedPrev);
                if (bad != null) {
                    return bad;
                }
                expectedSeq++;
                expectedPrev = r.hash();
            }
            if (batch.size() < BATCH) {
                long entries = expectedSeq - 1;
                return new Result(entries, 0, null, "audit log intact: " + entries + " entries");
            }
        }
    }

    private static Result check(AuditRecord r, long expectedSeq, String expectedPrev) {
        long good = expectedSeq - 1;
        if (r.seq() != expectedSeq) {
            String missing = r.seq() - 1 == expectedSeq
                    ? "entry " + expectedSeq + " is missing"
                    : "entries " + expectedSeq + " to " + (r.seq() - 1) + " are missing";
            return bad(good, r.seq(), Problem.SEQUENCE_GAP, "gap in the sequence, " + missing);
        }
        if (!expectedPrev.equals(r.prevHash())) {
            String before = expectedSeq == 1 ? "the genesis value" : "the hash of entry " + (expectedSeq - 1);
            return bad(good, r.seq(), Problem.BROKEN_LINK, "broken link, its prev_hash is not " + before);
        }
        if (!r.hashMatches()) {
            return bad(
                    good,
                    r.seq(),
                    Problem.HASH_MISMATCH,
                    "hash mismatch, its content was changed after it was written");
        }
        return null;
    }

    private static Result bad(long good, long seq, Problem problem, String why) {
        return new Result(good, seq, problem, "audit log damaged at entry " + seq + ": " + why);
    }
}
