package io.framewise.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of the audit log, specified here so that anyone can check a copy of {@code
 * audit_log} without Framewise.
 *
 * <p><b>Canonical form.</b> An entry's canonical form is the ASCII text {@code fw-audit-v1} followed
 * by its eleven fields, in this order, each encoded as below and nothing between them:
 *
 * <ol>
 *   <li>{@code seq} (decimal, no sign or leading zeros)
 *   <li>{@code at} (epoch milliseconds, decimal)
 *   <li>{@code actor_id}
 *   <li>{@code actor_name}
 *   <li>{@code action}
 *   <li>{@code resource_type}
 *   <li>{@code resource_id}
 *   <li>{@code source_address}
 *   <li>{@code outcome} ({@code success}, {@code denied} or {@code failed})
 *   <li>{@code details_json} (the stored text, byte for byte)
 *   <li>{@code prev_hash}
 * </ol>
 *
 * <p>A field that is SQL NULL is encoded as the single character {@code ~}. Any other value is
 * taken as text (numbers in decimal), encoded to UTF-8, and written as a netstring: the byte count
 * in decimal, {@code :}, the bytes, {@code ,}. For example seq 7 is {@code 1:7,}, the action {@code
 * login.success} is {@code 13:login.success,} and the empty string is {@code 0:,}. Because every
 * value announces its length, no value can be mistaken for another split differently, whatever
 * characters it contains.
 *
 * <p><b>Hash.</b> {@code hash} is SHA-256 over the canonical form's bytes, written as 64 lower-case
 * hexadecimal digits. {@code prev_hash} of entry 1 is {@link #GENESIS} (64 zeros); for every later
 * entry it is the {@code hash} of the entry before it.
 *
 * <p><b>Checking.</b> Walk the rows in {@code seq} order: the first must have seq 1 and each next
 * one seq + 1 (else an entry is missing), each {@code prev_hash} must equal the previous {@code hash}
 * (else the link is broken) and each {@code hash} must equal the recomputed one (else the entry was
 * changed). Removing entries from the end leaves a valid shorter chain; only a copy of the last
 * hash kept elsewhere (an export, a backup) shows that.
 */
public final class AuditChain {

    /** The {@code prev_hash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] PREFIX = "fw-audit-v1".getBytes(StandardCharsets.US_ASCII);

    private AuditChain() {}

    /** SHA-256 of the canonical form of {@code r} (its {@code hash} field is not part of it), in hex. */
    public static String hash(AuditRecord r) {
        MessageDigest sha = sha256();
        sha.update(PREFIX);
        field(sha, Long.toString(r.seq()));
        field(sha, Long.toString(r.atMillis()));
        field(sha, r.actorId());
        field(sha, r.actorName());
        field(sha, r.action());
        field(sha, r.resourceType());
        field(sha, r.resourceId());
        field(sha, r.sourceAddress());
        field(sha, r.outcome());
        field(sha, r.detailsJson());
        field(sha, r.prevHash());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** {@code entry} as record {@code seq} at {@code atMillis} after {@code prevHash}, hash included. */
    static AuditRecord seal(long seq, long atMillis, AuditEntry entry, String prevHash) {
        AuditRecord unsealed = new AuditRecord(
                seq,
                atMillis,
                entry.actorId(),
                entry.actorName(),
                entry.action(),
                entry.resourceType(),
                entry.resourceId(),
                entry.sourceAddress(),
                entry.outcome().code(),
                entry.detailsJson(),
                prevHash,
                null);
        return unsealed.withHash(hash(unsealed));
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) '~');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
        sha.update((byte) ',');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
