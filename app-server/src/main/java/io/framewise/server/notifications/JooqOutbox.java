package io.framewise.server.notifications;

import static io.framewise.server.db.generated.Tables.OUTBOX;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.OutboxRecord;
import java.time.Instant;
import java.util.List;

/**
 * The persistent outbox: a message is stored before anyone tries to send it, so neither a server
 * restart nor an SMTP server or receiver that is down loses it; sending marks it sent, failing
 * pushes its next attempt back.
 */
public final class JooqOutbox {

    private final Database db;

    public JooqOutbox(Database db) {
        this.db = db;
    }

    /** Stores a message due now; joins the caller's transaction. @return its id */
    public String add(String channel, String webhookId, String event, String payload) {
        return add(Ids.newId(), channel, webhookId, event, payload);
    }

    /** As {@link #add(String, String, String, String)} with the id chosen (a webhook body names its delivery). */
    public String add(String id, String channel, String webhookId, String event, String payload) {
        return db.write(ctx -> {
            long now = db.nowMillis();
            ctx.insertInto(OUTBOX)
                    .set(OUTBOX.ID, id)
                    .set(OUTBOX.CHANNEL, channel)
                    .set(OUTBOX.WEBHOOK_ID, webhookId)
                    .set(OUTBOX.EVENT, event)
                    .set(OUTBOX.PAYLOAD, payload)
                    .set(OUTBOX.STATE, OutboxEntry.PENDING)
                    .set(OUTBOX.ATTEMPTS, 0)
                    .set(OUTBOX.NEXT_ATTEMPT_AT, now)
                    .set(OUTBOX.CREATED_AT, now)
                    .execute();
            return id;
        });
    }

    /**
     * Claims up to {@code limit} pending messages due by {@code now}, oldest first: their next attempt
     * moves to {@code now + leaseMillis}, so another node (or this one's next round) does not send them
     * too, and a node that dies while sending leaves them due again when the lease runs out. Sending
     * then marks each {@link #sent} or {@link #failed}.
     */
    public List<OutboxEntry> claimDue(long now, int limit, long leaseMillis) {
        return db.write(ctx -> {
            var due = ctx.selectFrom(OUTBOX)
                    .where(OUTBOX.STATE.eq(OutboxEntry.PENDING))
                    .and(OUTBOX.NEXT_ATTEMPT_AT.le(now))
                    .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.CREATED_AT)
                    .limit(limit);
            List<OutboxEntry> claimed = db.claim(due).map(JooqOutbox::toEntry);
            if (!claimed.isEmpty()) {
                ctx.update(OUTBOX)
                        .set(OUTBOX.NEXT_ATTEMPT_AT, now + leaseMillis)
                        .where(OUTBOX.ID.in(
                                claimed.stream().map(OutboxEntry::id).toList()))
                        .execute();
            }
            return claimed;
        });
    }

    public void sent(String id, Integer status) {
        db.write(ctx -> ctx.update(OUTBOX)
                .set(OUTBOX.STATE, OutboxEntry.SENT)
                .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .set(OUTBOX.LAST_STATUS, status)
                .set(OUTBOX.LAST_ERROR, (String) null)
                .set(OUTBOX.FINISHED_AT, db.nowMillis())
                .where(OUTBOX.ID.eq(id))
                .execute());
    }

    /** One more failed attempt: tried again at {@code nextAttempt}, or given up when that is null. */
    public void failed(String id, Integer status, String error, Long nextAttempt) {
        String shortError = error == null ? null : error.length() <= 500 ? error : error.substring(0, 500);
        db.write(ctx -> ctx.update(OUTBOX)
                .set(OUTBOX.STATE, nextAttempt == null ? OutboxEntry.FAILED : OutboxEntry.PENDING)
                .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .set(OUTBOX.LAST_STATUS, status)
                .set(OUTBOX.LAST_ERROR, shortError)
                .set(OUTBOX.NEXT_ATTEMPT_AT, nextAttempt == null ? db.nowMillis() : nextAttempt)
                .set(OUTBOX.FINISHED_AT, nextAttempt == null ? db.nowMillis() : null)
                .where(OUTBOX.ID.eq(id))
                .execute());
    }

    /** A webhook's deliveries, newest first. */
    public List<OutboxEntry> ofWebhook(String webhookId, int limit) {
        return db.read(ctx -> ctx.selectFrom(OUTBOX)
                .where(OUTBOX.WEBHOOK_ID.eq(webhookId))
                .orderBy(OUTBOX.CREATED_AT.desc(), OUTBOX.ID.desc())
                .limit(limit)
                .fetch(JooqOutbox::toEntry));
    }

    private static OutboxEntry toEntry(OutboxRecord r) {
        return new OutboxEntry(
                r.getId(),
                r.getChannel(),
                r.getWebhookId(),
                r.getEvent(),
                r.getPayload(),
                r.getState(),
                r.getAttempts(),
                Instant.ofEpochMilli(r.getNextAttemptAt()),
                r.getLastStatus(),
                r.getLastError(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                r.getFinishedAt() == null ? null : Instant.ofEpochMilli(r.getFinishedAt()));
    }
}
