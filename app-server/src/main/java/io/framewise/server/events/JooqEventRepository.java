package io.framewise.server.events;

import static io.framewise.server.db.generated.Tables.EVENTS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Require;
import io.framewise.server.db.generated.tables.records.EventsRecord;
import java.time.Instant;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * {@link EventRepository} on the {@code events} table. The sequence is MAX + 1 taken under the
 * database's single writer: portable SQL, and gap-free because a rolled-back append leaves no
 * number behind.
 */
public final class JooqEventRepository implements EventRepository {

    private final Database db;

    public JooqEventRepository(Database db) {
        this.db = db;
    }

    @Override
    public Event append(String kind, String mediaId, String assetId, String payloadJson) {
        Event.checkKind(kind);
        return db.write(ctx -> {
            long last = ctx.select(DSL.max(EVENTS.SEQ))
                    .from(EVENTS)
                    .fetchOptional(0, Long.class)
                    .orElse(0L);
            Event e = new Event(last + 1, kind, mediaId, assetId, payloadJson, Instant.ofEpochMilli(db.nowMillis()));
            ctx.insertInto(EVENTS)
                    .set(EVENTS.SEQ, e.sequence())
                    .set(EVENTS.KIND, e.kind())
                    .set(EVENTS.MEDIA_ID, e.mediaId())
                    .set(EVENTS.ASSET_ID, e.assetId())
                    .set(EVENTS.PAYLOAD_JSON, e.payloadJson())
                    .set(EVENTS.CREATED_AT, e.created().toEpochMilli())
                    .execute();
            return e;
        });
    }

    @Override
    public List<Event> listSince(long sequence, int limit) {
        Require.range("limit", limit, 1, 1000);
        return db.read(ctx -> ctx.selectFrom(EVENTS)
                .where(EVENTS.SEQ.gt(sequence))
                .orderBy(EVENTS.SEQ)
                .limit(limit)
                .fetch(JooqEventRepository::toEvent));
    }

    @Override
    public long latestSequence() {
        return db.read(ctx -> ctx.select(DSL.max(EVENTS.SEQ))
                .from(EVENTS)
                .fetchOptional(0, Long.class)
                .orElse(0L));
    }

    private static Event toEvent(EventsRecord r) {
        return new Event(
                r.getSeq(),
                r.getKind(),
                r.getMediaId(),
                r.getAssetId(),
                r.getPayloadJson(),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }
}
