package io.framewise.server.auth;

import io.framewise.server.auth.SessionRepository.StoredSession;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Browser sessions. A session ends when it is revoked, when it was idle longer than the idle limit,
 * or when it reaches its absolute limit, whichever comes first. Only hashes of the session and CSRF
 * tokens are stored ({@link SessionRepository}).
 */
public final class SessionStore {

    /** Idle limit by default: a working day away logs out. */
    public static final Duration DEFAULT_IDLE = Duration.ofHours(12);
    /** Absolute limit by default: log in again every two weeks. */
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofDays(14);

    /** Writing last_seen at most this often keeps every page load from becoming a write. */
    private static final long TOUCH_RESOLUTION_MILLIS = 60_000;

    private final SessionRepository sessions;
    private final Clock clock;
    private final long idleMillis;
    private final long absoluteMillis;

    /** Sessions in {@code db}'s {@code sessions} table, timed by its clock, with the default limits. */
    public SessionStore(Database db) {
        this(db, DEFAULT_IDLE, DEFAULT_ABSOLUTE);
    }

    /** Sessions in {@code db}'s {@code sessions} table, timed by its clock. */
    public SessionStore(Database db, Duration idle, Duration absolute) {
        this(new JooqSessionRepository(db), db.clock(), idle, absolute);
    }

    public SessionStore(SessionRepository sessions, Clock clock, Duration idle, Duration absolute) {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0) {
            throw new IllegalArgumentException(
                    "session limits need 0 < idle <= absolute, got " + idle + ", " + absolute);
        }
        this.sessions = sessions;
        this.clock = clock;
        this.idleMillis = idle.toMillis();
        this.absoluteMillis = absolute.toMillis();
    }

    /** Starts a session for {@code userId}. */
    public NewSession create(String userId) {
        Ids.require("userId", userId);
        String token = Secrets.newSecret("");
        String csrf = Secrets.newSecret("");
        long now = clock.millis();
        Session session = new Session(
                Secrets.hash(token),
                userId,
                Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now + absoluteMillis));
        sessions.insert(session, Secrets.hash(csrf));
        return new NewSession(session, token, csrf);
    }

    /** The live session of a presented token, without marking it as seen. */
    public Optional<Session> find(String token) {
        return live(token).map(StoredSession::session);
    }

    /** The live session of a presented token, marked as seen now (restarting the idle limit). */
    public Optional<Session> touch(String token) {
        Optional<StoredSession> live = live(token);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        Session s = live.get().session();
        if (now - s.lastSeen().toEpochMilli() >= TOUCH_RESOLUTION_MILLIS) {
            sessions.touch(s.id(), now);
            s = new Session(s.id(), s.userId(), s.created(), Instant.ofEpochMilli(now), s.expires());
        }
        return Optional.of(s);
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
                .map(r -> Secrets.sameHash(r.csrfHash(), Secrets.hash(presentedCsrf)))
                .orElse(false);
    }

    /** Ends the session of a presented token (logout); false when there was none. */
    public boolean revoke(String token) {
        return Secrets.plausible(token) && revokeById(Secrets.hash(token));
    }

    /** Ends the session with this {@link Session#id()}; false when there was none. */
    public boolean revokeById(String sessionId) {
        return sessions.revoke(sessionId);
    }

    /** Ends every session of {@code userId} (password change, disabled account); returns how many. */
    public int revokeAll(String userId) {
        return sessions.revokeAllOf(userId);
    }

    /** The live sessions of {@code userId}, newest first. */
    public List<Session> listByUser(String userId) {
        long now = clock.millis();
        return sessions.listLive(userId, now, now - idleMillis);
    }

    /** Deletes rows of sessions that can never be used again; returns how many. */
    public int purgeEnded() {
        long now = clock.millis();
        return sessions.deleteEnded(now, now - idleMillis);
    }

    /** Whether the session with this {@link Session#id()} is still live (not revoked, expired or idle). */
    public boolean isLive(String sessionId) {
        long now = clock.millis();
        return sessionId != null && sessions.isLive(sessionId, now, now - idleMillis);
    }

    private Optional<StoredSession> live(String token) {
        if (!Secrets.plausible(token)) {
            return Optional.empty();
        }
        String hash = Secrets.hash(token);
        Optional<StoredSession> found = sessions.find(hash);
        long now = clock.millis();
        return found.filter(r -> Secrets.sameHash(hash, r.session().id())
                && !r.revoked()
                && now < r.session().expires().toEpochMilli()
                && now - r.session().lastSeen().toEpochMilli() < idleMillis);
    }
}
