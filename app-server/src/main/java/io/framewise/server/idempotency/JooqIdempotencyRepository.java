package io.framewise.server.idempotency;

import static io.framewise.server.db.generated.Tables.IDEMPOTENCY_KEYS;

import io.framewise.server.db.Database;
import java.time.Instant;
import java.util.Optional;

/** {@link IdempotencyRepository} on the {@code idempotency_keys} table. */
public final class JooqIdempotencyRepository implements IdempotencyRepository {

    private final Database db;

    public JooqIdempotencyRepository(Database db) {
        this.db = db;
    }

    @Override
    public Optional<StoredAnswer> find(String principal, String keyHash, long notBeforeMillis) {
        return db.read(ctx -> ctx.selectFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.PRINCIPAL.eq(principal))
                .and(IDEMPOTENCY_KEYS.KEY_HASH.eq(keyHash))
                .and(IDEMPOTENCY_KEYS.CREATED_AT.ge(notBeforeMillis))
                .fetchOptional(r -> new StoredAnswer(
                        r.getFingerprint(), r.getStatus(), r.getResponse(), Instant.ofEpochMilli(r.getCreatedAt()))));
    }

    @Override
    public boolean store(String principal, String keyHash, StoredAnswer answer, long notBeforeMillis) {
        return db.write(ctx -> {
            var current = ctx.selectFrom(IDEMPOTENCY_KEYS)
                    .where(IDEMPOTENCY_KEYS.PRINCIPAL.eq(principal))
                    .and(IDEMPOTENCY_KEYS.KEY_HASH.eq(keyHash))
                    .fetchOne();
            if (current != null) {
                if (current.getCreatedAt() >= notBeforeMillis) {
                    return false;
                }
                current.delete();
            }
            ctx.insertInto(IDEMPOTENCY_KEYS)
                    .set(IDEMPOTENCY_KEYS.PRINCIPAL, principal)
                    .set(IDEMPOTENCY_KEYS.KEY_HASH, keyHash)
                    .set(IDEMPOTENCY_KEYS.FINGERPRINT, answer.fingerprint())
                    .set(IDEMPOTENCY_KEYS.STATUS, answer.status())
                    .set(IDEMPOTENCY_KEYS.RESPONSE, answer.sealed())
                    .set(IDEMPOTENCY_KEYS.CREATED_AT, answer.created().toEpochMilli())
                    .execute();
            return true;
        });
    }

    @Override
    public int deleteOlderThan(long cutoffMillis) {
        return db.write(ctx -> ctx.deleteFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(cutoffMillis))
                .execute());
    }
}
