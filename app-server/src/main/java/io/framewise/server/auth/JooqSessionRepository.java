package io.framewise.server.auth;

import static io.framewise.server.db.generated.Tables.SESSIONS;

import io.framewise.server.db.Database;
import io.framewise.server.db.generated.tables.records.SessionsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;

/** {@link SessionRepository} on the {@code sessions} table. */
public final class JooqSessionRepository implements SessionRepository {

    private final Database db;

    public JooqSessionRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Session session, String csrfHash) {
        db.write(ctx -> ctx.insertInto(SESSIONS)
                .set(SESSIONS.ID, session.id())
                .set(SESSIONS.USER_ID, session.userId())
                .set(SESSIONS.CSRF_HASH, csrfHash)
                .set(SESSIONS.CREATED_AT, session.created().toEpochMilli())
                .set(SESSIONS.LAST_SEEN_AT, session.lastSeen().toEpochMilli())
                .set(SESSIONS.EXPIRES_AT, session.expires().toEpochMilli())
                .set(SESSIONS.REVOKED, false)
                .execute());
    }

    @Override
    public Optional<StoredSession> find(String id) {
        return db.read(ctx -> ctx.selectFrom(SESSIONS).where(SESSIONS.ID.eq(id)).fetchOptional())
                .map(r -> new StoredSession(toSession(r), r.getCsrfHash(), Boolean.TRUE.equals(r.getRevoked())));
    }

    @Override
    public void touch(String id, long atMillis) {
        db.write(ctx -> ctx.update(SESSIONS)
                .set(SESSIONS.LAST_SEEN_AT, atMillis)
                .where(SESSIONS.ID.eq(id))
                .execute());
    }

    @Override
    public boolean revoke(String id) {
        return db.write(ctx -> ctx.update(SESSIONS)
                        .set(SESSIONS.REVOKED, true)
                        .where(SESSIONS.ID.eq(id))
                        .and(SESSIONS.REVOKED.isFalse())
                        .execute())
                == 1;
    }

    @Override
    public int revokeAllOf(String userId) {
        return db.write(ctx -> ctx.update(SESSIONS)
                .set(SESSIONS.REVOKED, true)
                .where(SESSIONS.USER_ID.eq(userId))
                .and(SESSIONS.REVOKED.isFalse())
                .execute());
    }

    @Override
    public List<Session> listLive(String userId, long nowMillis, long idleSinceMillis) {
        return db.read(ctx -> ctx.selectFrom(SESSIONS)
                .where(SESSIONS.USER_ID.eq(userId))
                .and(live(nowMillis, idleSinceMillis))
                .orderBy(SESSIONS.CREATED_AT.desc())
                .fetch(JooqSessionRepository::toSession));
    }

    @Override
    public boolean isLive(String id, long nowMillis, long idleSinceMillis) {
        return db.read(ctx -> ctx.fetchExists(SESSIONS, SESSIONS.ID.eq(id).and(live(nowMillis, idleSinceMillis))));
    }

    @Override
    public int deleteEnded(long nowMillis, long idleSinceMillis) {
        return db.write(ctx -> ctx.deleteFrom(SESSIONS)
                .where(SESSIONS.REVOKED.isTrue())
                .or(SESSIONS.EXPIRES_AT.le(nowMillis))
                .or(SESSIONS.LAST_SEEN_AT.le(idleSinceMillis))
                .execute());
    }

    private static Condition live(long nowMillis, long idleSinceMillis) {
        return SESSIONS.REVOKED
                .isFalse()
                .and(SESSIONS.EXPIRES_AT.gt(nowMillis))
                .and(SESSIONS.LAST_SEEN_AT.gt(idleSinceMillis));
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
