package io.framewise.server.auth;

import static io.framewise.server.db.generated.Tables.API_TOKENS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import io.framewise.server.db.generated.tables.records.ApiTokensRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal API tokens ({@code Authorization: Bearer fw_...}) on the {@code api_tokens} table.
 * A token is 256 random bits; the table keeps only its SHA-256, found through a unique index and
 * then compared in constant time, so neither a copy of the database nor response timing gives a
 * usable token away.
 */
public final class TokenStore {

    /** Every token starts with this, so secret scanners and people recognise one. */
    public static final String PREFIX = "fw_";

    public static final int MAX_NAME_LENGTH = 100;

    /** Writing last_used at most this often keeps busy scripts from turning reads into writes. */
    private static final long LAST_USED_RESOLUTION_MILLIS = 60_000;

    private final Database db;

    public TokenStore(Database db) {
        this.db = db;
    }

    /**
     * Issues a token for {@code userId}.
     *
     * @param expires when it stops working, or {@code null} for never; must be in the future
     */
    public IssuedToken issue(String userId, String name, Instant expires) {
        Ids.require("userId", userId);
        String label = Require.text("token name", name == null ? null : name.strip(), MAX_NAME_LENGTH);
        long now = db.nowMillis();
        if (expires != null && expires.toEpochMilli() <= now) {
            throw new IllegalArgumentException("the token's expiry " + expires + " is not in the future");
        }
        String token = Secrets.newSecret(PREFIX);
        String id = Ids.newId();
        db.write(ctx -> ctx.insertInto(API_TOKENS)
                .set(API_TOKENS.ID, id)
                .set(API_TOKENS.USER_ID, userId)
                .set(API_TOKENS.NAME, label)
                .set(API_TOKENS.TOKEN_HASH, Secrets.hash(token))
                .set(API_TOKENS.CREATED_AT, now)
                .set(API_TOKENS.EXPIRES_AT, expires == null ? null : expires.toEpochMilli())
                .set(API_TOKENS.REVOKED, false)
                .execute());
        ApiToken info = new ApiToken(id, userId, label, Instant.ofEpochMilli(now), expires, null, false);
        return new IssuedToken(info, token);
    }

    /** The owner's tokens, newest first, revoked and expired ones included (marked). */
    public List<ApiToken> listByOwner(String userId) {
        return db.read(ctx -> ctx.selectFrom(API_TOKENS)
                .where(API_TOKENS.USER_ID.eq(userId))
                .orderBy(API_TOKENS.CREATED_AT.desc(), API_TOKENS.ID)
                .fetch(TokenStore::toToken));
    }

    /**
     * Revokes the token {@code id} if {@code userId} owns it.
     *
     * @return false when there is no such token of that owner (the caller answers 404)
     */
    public boolean revoke(String userId, String id) {
        if (!Ids.isValid(id)) {
            return false;
        }
        return db.write(ctx -> ctx.update(API_TOKENS)
                        .set(API_TOKENS.REVOKED, true)
                        .where(API_TOKENS.ID.eq(id))
                        .and(API_TOKENS.USER_ID.eq(userId))
                        .execute())
                == 1;
    }

    /** Revokes every token of {@code userId} (account disabled, password reset); returns how many. */
    public int revokeAll(String userId) {
        return db.write(ctx -> ctx.update(API_TOKENS)
                .set(API_TOKENS.REVOKED, true)
                .where(API_TOKENS.USER_ID.eq(userId))
                .and(API_TOKENS.REVOKED.isFalse())
                .execute());
    }

    /** Whether the token with this id still authenticates (not revoked, not expired). */
    public boolean isLive(String tokenId) {
        long now = db.nowMillis();
        return tokenId != null
                && db.read(ctx -> ctx.fetchExists(
                        API_TOKENS,
                        API_TOKENS
                                .ID
                                .eq(tokenId)
                                .and(API_TOKENS.REVOKED.isFalse())
                                .and(API_TOKENS.EXPIRES_AT.isNull().or(API_TOKENS.EXPIRES_AT.gt(now)))));
    }

    /**
     * The token a request presented, when it exists, is not revoked and has not expired; notes
     * when it was used.
     */
    public Optional<ApiToken> authenticate(String presented) {
        if (!Secrets.plausible(presented) || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = Secrets.hash(presented);
        Optional<ApiTokensRecord> found = db.read(ctx ->
                ctx.selectFrom(API_TOKENS).where(API_TOKENS.TOKEN_HASH.eq(hash)).fetchOptional());
        long now = db.nowMillis();
        if (found.isEmpty() || !Secrets.sameHash(hash, found.get().getTokenHash())) {
            return Optional.empty();
        }
        ApiToken token = toToken(found.get());
        if (!token.usableAt(Instant.ofEpochMilli(now))) {
            return Optional.empty();
        }
        Long lastUsed = found.get().getLastUsedAt();
        if (lastUsed == null || now - lastUsed >= LAST_USED_RESOLUTION_MILLIS) {
            db.write(ctx -> ctx.update(API_TOKENS)
                    .set(API_TOKENS.LAST_USED_AT, now)
                    .where(API_TOKENS.ID.eq(token.id()))
                    .execute());
            return Optional.of(new ApiToken(
                    token.id(),
                    token.userId(),
                    token.name(),
                    token.created(),
                    token.expires(),
                    Instant.ofEpochMilli(now),
                    false));
        }
        return Optional.of(token);
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
