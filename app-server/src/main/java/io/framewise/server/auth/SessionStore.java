package io.framewise.server.auth;

import static io.framewise.server.db.generated.Tables.SESSIONS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.SessionsRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Browser sessions on the {@code sessions} table. A session ends when it is revoked, when it was
 * idle longer than the idle limit, or when it reaches its absolute limit, whichever comes first.
 * Only hashes of the session and CSRF tokens are stored.
 */
public final class SessionStore {

    /** Idle limit by default: a working day away logs out. */
    public static final Duration DEFAULT_IDLE = Duration.ofHours(12);
    /** Absolute limit by default: log in again every two weeks. */
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofDays(14);

    /** Writing last_seen at most this often keeps every page load from becoming a write. */
    private static final long TOUCH_RESOLUTION_MILLIS = 60_000;

    private final Database db;
    private final long idleMillis;
    private final long absoluteMillis;

    public SessionStore(Database db) {
        this(db, DEFAULT_IDLE, DEFAULT_ABSOLUTE);
    }

    public SessionStore(Database db, Duration idle, Duration absolute) {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0) {
            throw new IllegalArgumentException(
                    "session limits need 0 < idle <= absolute, got " + idle + ", " + absolute);
        }
        this.db = db;
        this.idleMillis = idle.toMillis();
        this.absoluteMillis = absolute.toMillis();
    }

    /** Starts a session for {@code userId}. */
    public NewSession create(String userId) {
        Ids.require("userId", userId);
        String token = Secrets.newSecret("");
        String csrf = Secrets.newSecret("");
        long now = db.nowMillis();
        Session session = new Session(
                Secrets.hash(token),
                userId,
                Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now + absoluteMillis));
        db.write(ctx -> ctx.insertInto(SESSIONS)
                .set(SESSIONS.ID, session.id())
                .set(SESSIONS.USER_ID, userId)
                .set(SESSIONS.CSRF_HASH, Secrets.hash(csrf))
                .set(SESSIONS.CREATED_AT, now)
                .set(SESSIONS.LAST_SEEN_AT, now)
                .set(SESSIONS.EXPIRES_AT, now + absoluteMillis)
                .set(SESSIONS.REVOKED, false)
                .execute());
        return new NewSession(session, token, csrf);
    }

    /** The live session of a presented token, without marking it as seen. */
    public Optional<Session> find(String token) {
        return live(token).map(SessionStore::toSession);
    }

    /** The live session of a presented token, marked as seen now (restarting the idle limit). */
    public Optional<Session> touch(String token) {
        Optional<SessionsRecord> live = live(token);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        long now = db.nowMillis();
        SessionsRecord r = live.get();
        if (now - r.getLastSeenAt() >= TOUCH_RESOLUTION_MILLIS) {
            db.write(ctx -> ctx.update(SESSIONS)
                    .set(SESSIONS.LAST_SEEN_AT, now)
                    .where(SESSIONS.ID.eq(r.getId()))
                    .execute());
            r.setLastSeenAt(now);
        }
        return Optional.of(toSession(r));
    }

    /**
     * Whether {@code presentedCsrf} is the CSRF token of the live session {@code token}, compared
     * in constant time.
     */
    public boolean csrfMatches(String token, String presentedCsrf) {
        if (!Secrets.plausible(presentedCsrf)) {
            return false;
        }
        return live(token)
                .map(r -> Secrets.sameHash(r.getCsrfHash(), Secrets.hash(presentedCsrf)))
                .orElse(false);
    }

    /** Ends the session of a presented token (logout); false when there was none. */
    public boolean revoke(String token) {
        return Secrets.plausible(token) && revokeById(Secrets.hash(token));
    }

    /** Ends the session with this {@link Session#id()}; false when there was none. */
    public boolean revokeById(String sessionId) {
        return db.write(ctx -> ctx.update(SESSIONS)
                        .set(SESSIONS.REVOKED, true)
                        .where(SESSIONS.ID.eq(sessionId))
                        .and(SESSIONS.REVOKED.isFalse())
                        .execute())
                == 1;
    }

    /** Ends every session of {@code userId} (password change, disabled account); returns how many. */
    public int revokeAll(String userId) {
        return db.write(ctx -> ctx.update(SESSIONS)
                .set(SESSIONS.REVOKED, true)
                .where(SESSIONS.USER_ID.eq(userId))
                .and(SESSIONS.REVOKED.isFalse())
                .execute());
    }

    /** The live sessions of {@code userId}, newest first. */
    public List<Session> listByUser(String userId) {
        long now = db.nowMillis();
        return db.read(ctx -> ctx.selectFrom(SESSIONS)
                .where(SESSIONS.USER_ID.eq(userId))
                .and(SESSIONS.REVOKED.isFalse())
                .and(SESSIONS.EXPIRES_AT.gt(now))
                .and(SESSIONS.LAST_SEEN_AT.gt(now - idleMillis))
                .orderBy(SESSIONS.CREATED_AT.desc())
                .fetch(SessionStore::toSession));
    }

    /** Deletes rows of sessions that can never be used again; returns how many. */
    public int purgeEnded() {
        long now = db.nowMillis();
        return db.write(ctx -> ctx.deleteFrom(SESSIONS)
                .where(SESSIONS.REVOKED.isTrue())
                .or(SESSIONS.EXPIRES_AT.le(now))
                .or(SESSIONS.LAST_SEEN_AT.le(now - idleMillis))
                .execute());
    }

    /** Whether the session with this {@link Session#id()} is still live (not revoked, expired or idle). */
    public boolean isLive(String sessionId) {
        long now = db.nowMillis();
        return sessionId != null
                && db.read(ctx -> ctx.fetchExists(
                        SESSIONS,
                        SESSIONS.ID
                                .eq(sessionId)
                                .and(SESSIONS.REVOKED.isFalse())
                                .and(SESSIONS.EXPIRES_AT.gt(now))
                                .and(SESSIONS.LAST_SEEN_AT.gt(now - idleMillis))));
    }

    private Optional<SessionsRecord> live(String token) {
        if (!Secrets.plausible(token)) {
            return Optional.empty();
        }
        String hash = Secrets.hash(token);
        Optional<SessionsRecord> found = db.read(
                ctx -> ctx.selectFrom(SESSIONS).where(SESSIONS.ID.eq(hash)).fetchOptional());
        long now = db.nowMillis();
        return found.filter(r -> Secrets.sameHash(hash, r.getId())
                && !Boolean.TRUE.equals(r.getRevoked())
                && now < r.getExpiresAt()
                && now - r.getLastSeenAt() < idleMillis);
    }

    private static Session toSession(SessionsRecord r) {
        return new Session(
                r.getId(),
                r.getUserId(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                Instant.ofEpochMilli(r.getLastSeenAt()),
                Instant.ofEpochMilli(r.getExpiresAt()));
    }
}
