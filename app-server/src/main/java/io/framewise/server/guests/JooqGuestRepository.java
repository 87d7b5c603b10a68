package io.framewise.server.guests;

import static io.framewise.server.db.generated.Tables.SHARE_GUESTS;
import static io.framewise.server.db.generated.Tables.SHARE_WATCH;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.ShareGuestsRecord;
import java.time.Instant;
import java.util.Optional;

/** {@link GuestRepository} on the {@code share_guests} and {@code share_watch} tables. */
public final class JooqGuestRepository implements GuestRepository {

    private final Database db;

    public JooqGuestRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(GuestSession s, String sessionHash, String address) {
        db.write(ctx -> ctx.insertInto(SHARE_GUESTS)
                .set(SHARE_GUESTS.ID, s.id())
                .set(SHARE_GUESTS.SHARE_ID, s.shareId())
                .set(SHARE_GUESTS.SESSION_HASH, sessionHash)
                .set(SHARE_GUESTS.NAME, s.name())
                .set(SHARE_GUESTS.EMAIL, s.email())
                .set(SHARE_GUESTS.ADDRESS, address)
                .set(SHARE_GUESTS.CREATED_AT, s.created().toEpochMilli())
                .set(SHARE_GUESTS.LAST_SEEN_AT, s.lastSeen().toEpochMilli())
                .set(SHARE_GUESTS.EXPIRES_AT, s.expires().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<GuestSession> findBySessionHash(String sessionHash) {
        return db.read(ctx -> ctx.selectFrom(SHARE_GUESTS)
                .where(SHARE_GUESTS.SESSION_HASH.eq(sessionHash))
                .fetchOptional(JooqGuestRepository::toSession));
    }

    @Override
    public Optional<GuestSession> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(ctx ->
                ctx.selectFrom(SHARE_GUESTS).where(SHARE_GUESTS.ID.eq(id)).fetchOptional(JooqGuestRepository::toSession));
    }

    @Override
    public void touch(String id, Instant at) {
        db.write(ctx -> ctx.update(SHARE_GUESTS)
                .set(SHARE_GUESTS.LAST_SEEN_AT, at.toEpochMilli())
                .where(SHARE_GUESTS.ID.eq(id))
                .execute());
    }

    @Override
    public int endAll(String shareId, Instant at) {
        return db.write(ctx -> ctx.update(SHARE_GUESTS)
                .set(SHARE_GUESTS.ENDED_AT, at.toEpochMilli())
                .where(SHARE_GUESTS.SHARE_ID.eq(shareId).and(SHARE_GUESTS.ENDED_AT.isNull()))
                .execute());
    }

    @Override
    public void addWatch(String guestId, String mediaId, long from, long to, long millis, Instant at) {
        db.write(ctx -> {
            ctx.insertInto(SHARE_WATCH)
                    .set(SHARE_WATCH.GUEST_ID, guestId)
                    .set(SHARE_WATCH.MEDIA_ID, mediaId)
                    .set(SHARE_WATCH.FROM_FRAME, from)
                    .set(SHARE_WATCH.TO_FRAME, to)
                    .set(SHARE_WATCH.AT, at.toEpochMilli())
                    .execute();
            return ctx.update(SHARE_GUESTS)
                    .set(SHARE_GUESTS.WATCH_MILLIS, SHARE_GUESTS.WATCH_MILLIS.plus(millis))
                    .set(SHARE_GUESTS.LAST_SEEN_AT, at.toEpochMilli())
                    .where(SHARE_GUESTS.ID.eq(guestId))
                    .execute();
        });
    }

    @Override
    public void addDownload(String guestId) {
        db.write(ctx -> ctx.update(SHARE_GUESTS)
                .set(SHARE_GUESTS.DOWNLOADS, SHARE_GUESTS.DOWNLOADS.plus(1))
                .where(SHARE_GUESTS.ID.eq(guestId))
                .execute());
    }

    private static GuestSession toSession(ShareGuestsRecord r) {
        return new GuestSession(
                r.getId(),
                r.getShareId(),
                r.getName(),
                r.getEmail(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                Instant.ofEpochMilli(r.getLastSeenAt()),
                Instant.ofEpochMilli(r.getExpiresAt()),
                r.getEndedAt() == null ? null : Instant.ofEpochMilli(r.getEndedAt()));
    }
}
