package io.framewise.server.auth;

import static io.framewise.server.db.generated.Tables.API_TOKENS;

import io.framewise.server.db.Database;
import io.framewise.server.db.generated.tables.records.ApiTokensRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link TokenRepository} on the {@code api_tokens} table; the hash is found through a unique index. */
public final class JooqTokenRepository implements TokenRepository {

    private final Database db;

    public JooqTokenRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(ApiToken token, String tokenHash) {
        db.write(ctx -> ctx.insertInto(API_TOKENS)
                .set(API_TOKENS.ID, token.id())
                .set(API_TOKENS.USER_ID, token.userId())
                .set(API_TOKENS.NAME, token.name())
                .set(API_TOKENS.TOKEN_HASH, tokenHash)
                .set(API_TOKENS.CREATED_AT, token.created().toEpochMilli())
                .set(
                        API_TOKENS.EXPIRES_AT,
                        token.expires() == null ? null : token.expires().toEpochMilli())
                .set(API_TOKENS.REVOKED, token.revoked())
                .execute());
    }

    @Override
    public List<ApiToken> listByOwner(String userId) {
        return db.read(ctx -> ctx.selectFrom(API_TOKENS)
                .where(API_TOKENS.USER_ID.eq(userId))
                .orderBy(API_TOKENS.CREATED_AT.desc(), API_TOKENS.ID)
                .fetch(JooqTokenRepository::toToken));
    }

    @Override
    public Optional<StoredToken> findByHash(String tokenHash) {
        return db.read(ctx -> ctx.selectFrom(API_TOKENS)
                        .where(API_TOKENS.TOKEN_HASH.eq(tokenHash))
                        .fetchOptional())
                .map(r -> new StoredToken(toToken(r), r.getTokenHash()));
    }

    @Override
    public boolean revoke(String userId, String id) {
        return db.write(ctx -> ctx.update(API_TOKENS)
                        .set(API_TOKENS.REVOKED, true)
                        .where(API_TOKENS.ID.eq(id))
                        .and(API_TOKENS.USER_ID.eq(userId))
                        .execute())
                == 1;
    }

    @Override
    public int revokeAllOf(String userId) {
        return db.write(ctx -> ctx.update(API_TOKENS)
                .set(API_TOKENS.REVOKED, true)
                .where(API_TOKENS.USER_ID.eq(userId))
                .and(API_TOKENS.REVOKED.isFalse())
                .execute());
    }

    @Override
    public boolean isLive(String id, long nowMillis) {
        return db.read(ctx -> ctx.fetchExists(
                API_TOKENS,
                API_TOKENS
                        .ID
                        .eq(id)
                        .and(API_TOKENS.REVOKED.isFalse())
                        .and(API_TOKENS.EXPIRES_AT.isNull().or(API_TOKENS.EXPIRES_AT.gt(nowMillis)))));
    }

    @Override
    public void markUsed(String id, long atMillis) {
        db.write(ctx -> ctx.update(API_TOKENS)
                .set(API_TOKENS.LAST_USED_AT, atMillis)
                .where(API_TOKENS.ID.eq(id))
                .execute());
    }

    private static ApiToken toToken(ApiTokensRecord r) {
        return new ApiToken(
                r.getId(),
                r.getUserId(),
                r.getName(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                r.getExpiresAt() == null ? null : Instant.ofEpochMilli(r.getExpiresAt()),
                r.getLastUsedAt() == null ? null : Instant.ofEpochMilli(r.getLastUsedAt()),
                Boolean.TRUE.equals(r.getRevoked()));
    }
}
