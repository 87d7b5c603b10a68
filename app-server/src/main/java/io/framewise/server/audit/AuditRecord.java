package io.framewise.server.audit;

import java.time.Instant;

/**
 * One stored audit entry exactly as its row holds it. Fields are the raw column values (the
 * outcome as its code), so a row someone edited by hand still reads back and can be shown and
 * verified rather than rejected.
 *
 * @param seq position in the chain, 1, 2, 3, ...
 * @param atMillis when it was recorded, epoch milliseconds
 * @param prevHash the previous entry's {@code hash} ({@link AuditChain#GENESIS} for the first)
 * @param hash {@link AuditChain#hash} of this entry
 */
public record AuditRecord(
        long seq,
        long atMillis,
        String actorId,
        String actorName,
        String action,
        String resourceType,
        String resourceId,
        String sourceAddress,
        String outcome,
        String detailsJson,
        String prevHash,
        String hash) {

    /** When it was recorded. */
    public Instant at() {
        return Instant.ofEpochMilli(atMillis);
    }

    /** Whether {@link #hash} is what the other fields hash to. */
    public boolean hashMatches() {
        return AuditChain.hash(this).equals(hash);
    }

    /** This record with {@code hash} set; used when sealing a new entry. */
    AuditRecord withHash(String hash) {
        return new AuditRecord(
                seq,
                atMillis,
                actorId,
                actorName,
                action,
                resourceType,
                resourceId,
                sourceAddress,
                outcome,
                detailsJson,
                prevHash,
                hash);
    }
}
