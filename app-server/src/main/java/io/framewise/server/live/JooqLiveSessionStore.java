package io.framewise.server.live;

import static io.framewise.server.db.generated.Tables.LIVE_NODES;
import static io.framewise.server.db.generated.Tables.LIVE_SESSIONS;

import io.framewise.server.db.Database;
import io.framewise.server.db.generated.tables.records.LiveSessionsRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jooq.SelectConditionStep;

/**
 * Live sessions shared by several nodes, one row each in {@code live_sessions} (V23), and the nodes'
 * heartbeats in {@code live_nodes}. A change reads the row under a row lock and writes it back with
 * the next version in one transaction, so two nodes changing one session take turns.
 */
public final class JooqLiveSessionStore {

    /** A session's row: the media it shows and its state as JSON. */
    public record Row(String mediaId, String stateJson) {}

    private final Database db;

    public JooqLiveSessionStore(Database db) {
        this.db = db;
    }

    public void insert(String id, Row row) {
        db.write(ctx -> ctx.insertInto(LIVE_SESSIONS)
                .set(LIVE_SESSIONS.ID, id)
                .set(LIVE_SESSIONS.MEDIA_ID, row.mediaId())
                .set(LIVE_SESSIONS.STATE_JSON, row.stateJson())
                .set(LIVE_SESSIONS.VERSION, 1L)
                .set(LIVE_SESSIONS.UPDATED_AT, db.nowMillis())
                .execute());
    }

    /** The media a session shows, if the session exists. */
    public Optional<String> mediaOf(String id) {
        return db.read(ctx -> ctx.select(LIVE_SESSIONS.MEDIA_ID)
                .from(LIVE_SESSIONS)
                .where(LIVE_SESSIONS.ID.eq(id))
                .fetchOptional(LIVE_SESSIONS.MEDIA_ID));
    }

    /**
     * Changes a session under its row lock: {@code change} gets the row and answers the next one,
     * or null when the session ended (the row goes). Runs {@code change} inside the transaction, so
     * an exception it throws leaves the row as it was. False when there is no such session.
     */
    public boolean change(String id, UnaryOperator<Row> change) {
        return db.write(ctx -> {
            SelectConditionStep<LiveSessionsRecord> select =
                    ctx.selectFrom(LIVE_SESSIONS).where(LIVE_SESSIONS.ID.eq(id));
            LiveSessionsRecord current = db.isPostgres() ? select.forUpdate().fetchOne() : select.fetchOne();
            if (current == null) {
                return false;
            }
            Row next = change.apply(new Row(current.getMediaId(), current.getStateJson()));
            if (next == null) {
                ctx.deleteFrom(LIVE_SESSIONS).where(LIVE_SESSIONS.ID.eq(id)).execute();
            } else {
                ctx.update(LIVE_SESSIONS)
                        .set(LIVE_SESSIONS.MEDIA_ID, next.mediaId())
                        .set(LIVE_SESSIONS.STATE_JSON, next.stateJson())
                        .set(LIVE_SESSIONS.VERSION, current.getVersion() + 1)
                        .set(LIVE_SESSIONS.UPDATED_AT, db.nowMillis())
                        .where(LIVE_SESSIONS.ID.eq(id))
                        .execute();
            }
            return true;
        });
    }

    public List<String> ids() {
        return db.read(ctx -> ctx.select(LIVE_SESSIONS.ID).from(LIVE_SESSIONS).fetch(LIVE_SESSIONS.ID));
    }

    public int count() {
        return db.read(ctx -> ctx.fetchCount(LIVE_SESSIONS));
    }

    /** Records that {@code nodeId} is alive now. */
    public void beat(String nodeId, long nowMillis) {
        db.write(ctx -> ctx.insertInto(LIVE_NODES)
                .set(LIVE_NODES.NODE_ID, nodeId)
                .set(LIVE_NODES.HEARTBEAT_AT, nowMillis)
                .onConflict(LIVE_NODES.NODE_ID)
                .doUpdate()
                .set(LIVE_NODES.HEARTBEAT_AT, nowMillis)
                .execute());
    }

    /** The nodes that beat at or after {@code sinceMillis}. */
    public Set<String> aliveSince(long sinceMillis) {
        return db.read(ctx -> Set.copyOf(ctx.select(LIVE_NODES.NODE_ID)
                .from(LIVE_NODES)
                .where(LIVE_NODES.HEARTBEAT_AT.ge(sinceMillis))
                .fetch(LIVE_NODES.NODE_ID)));
    }
}
