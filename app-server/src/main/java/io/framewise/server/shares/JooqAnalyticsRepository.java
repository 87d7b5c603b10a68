package io.framewise.server.shares;

import static io.framewise.server.db.generated.Tables.NOTES;
import static io.framewise.server.db.generated.Tables.SHARE_GUESTS;
import static io.framewise.server.db.generated.Tables.SHARE_WATCH;

import io.framewise.server.db.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.DSL;

/** {@link AnalyticsRepository} on the guest tables ({@code share_guests}, {@code share_watch}, guest notes). */
public final class JooqAnalyticsRepository implements AnalyticsRepository {

    private final Database db;

    public JooqAnalyticsRepository(Database db) {
        this.db = db;
    }

    @Override
    public List<Session> sessions(String shareId) {
        var notes = DSL.selectCount().from(NOTES).where(NOTES.GUEST_ID.eq(SHARE_GUESTS.ID)).asField("notes");
        return db.read(ctx -> ctx.select(
                                SHARE_GUESTS.ID,
                                SHARE_GUESTS.NAME,
                                SHARE_GUESTS.EMAIL,
                                SHARE_GUESTS.CREATED_AT,
                                SHARE_GUESTS.LAST_SEEN_AT,
                                SHARE_GUESTS.WATCH_MILLIS,
                                SHARE_GUESTS.DOWNLOADS,
                                notes)
                        .from(SHARE_GUESTS)
                        .where(SHARE_GUESTS.SHARE_ID.eq(shareId))
                        .orderBy(SHARE_GUESTS.CREATED_AT, SHARE_GUESTS.ID)
                        .fetch(r -> new Session(
                                r.value1(),
                                r.value2(),
                                r.value3(),
                                Instant.ofEpochMilli(r.value4()),
                                Instant.ofEpochMilli(r.value5()),
                                r.value6(),
                                r.value7(),
                                ((Number) r.value8()).intValue())));
    }

    @Override
    public List<Range> watched(String shareId, String mediaId) {
        return db.read(ctx -> ctx.select(SHARE_WATCH.FROM_FRAME, SHARE_WATCH.TO_FRAME)
                .from(SHARE_WATCH)
                .join(SHARE_GUESTS)
                .on(SHARE_GUESTS.ID.eq(SHARE_WATCH.GUEST_ID))
                .where(SHARE_GUESTS.SHARE_ID.eq(shareId).and(SHARE_WATCH.MEDIA_ID.eq(mediaId)))
                .fetch(r -> new Range(r.value1(), r.value2())));
    }

    @Override
    public Optional<String> mostWatchedMedia(String shareId) {
        return db.read(ctx -> ctx.select(SHARE_WATCH.MEDIA_ID)
                .from(SHARE_WATCH)
                .join(SHARE_GUESTS)
                .on(SHARE_GUESTS.ID.eq(SHARE_WATCH.GUEST_ID))
                .where(SHARE_GUESTS.SHARE_ID.eq(shareId))
                .groupBy(SHARE_WATCH.MEDIA_ID)
                .orderBy(DSL.count().desc(), SHARE_WATCH.MEDIA_ID)
                .limit(1)
                .fetchOptional(SHARE_WATCH.MEDIA_ID));
    }
}
