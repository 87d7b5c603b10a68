package io.framewise.server.auth;

import io.framewise.server.auth.TokenRepository.StoredToken;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal API tokens ({@code Authorization: Bearer fw_...}). A token is 256 random bits; the
 * {@link TokenRepository} keeps only its SHA-256, which is looked up and then compared in constant time, so neither a copy of the database nor response timing gives a
 * usable token away.
 */
public final class TokenStore {

    /** Every token starts with this, so secret scanners and people recognise one. */
    public static final String PREFIX = "fw_";

    public static final int MAX_NAME_LENGTH = 100;

    /** Writing last_used at most this often keeps busy scripts from turning reads into writes. */
    private static final long LAST_USED_RESOLUTION_MILLIS = 60_000;

    private final TokenRepository tokens;
    private final Clock clock;

    /** Tokens in {@code db}'s {@code api_tokens} table, timed by its clock. */
    public TokenStore(Database db) {
        this(new JooqTokenRepository(db), db.clock());
    }

    public TokenStore(TokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Issues a token for {@code userId}.
     *
     * @param expires when it stops working, or {@code null} for never; must be in the future
     */
    public IssuedToken issue(String userId, String name, Instant expires) {
        Ids.require("userId", userId);
        String label = Require.text("token name", name == null ? null : name.strip(), MAX_NAME_LENGTH);
        long now = clock.millis();
        if (expires != null && expires.toEpochMilli() <= now) {
            throw new IllegalArgumentException("the token's expiry " + expires + " is not in the future");
        }
        String token = Secrets.newSecret(PREFIX);
        String id = Ids.newId();
        ApiToken info = new ApiToken(id, userId, label, Instant.ofEpochMilli(now), expires, null, false);
        tokens.insert(info, Secrets.hash(token));
        return new IssuedToken(info, token);
    }

    /** The owner's tokens, newest first, revoked and expired ones included (marked). */
    public List<ApiToken> listByOwner(String userId) {
        return tokens.listByOwner(userId);
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
        return tokens.revoke(userId, id);
    }

    /** Revokes every token of {@code userId} (account disabled, password reset); returns how many. */
    public int revokeAll(String userId) {
        return tokens.revokeAllOf(userId);
    }

    /** Whether the token with this id still authenticates (not revoked, not expired). */
    public boolean isLive(String tokenId) {
        long now = clock.millis();
        return tokenId != null && tokens.isLive(tokenId, now);
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
        Optional<StoredToken> found = tokens.findByHash(hash);
        long now = clock.millis();
        if (found.isEmpty() || !Secrets.sameHash(hash, found.get().tokenHash())) {
            return Optional.empty();
        }
        ApiToken token = found.get().token();
        if (!token.usableAt(Instant.ofEpochMilli(now))) {
            return Optional.empty();
        }
        Instant lastUsed = token.lastUsed();
        if (lastUsed == null || now - lastUsed.toEpochMilli() >= LAST_USED_RESOLUTION_MILLIS) {
            tokens.markUsed(token.id(), now);
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
}
