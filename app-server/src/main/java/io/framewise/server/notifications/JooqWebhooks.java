package io.framewise.server.notifications;

import static io.framewise.server.db.generated.Tables.WEBHOOKS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.WebhooksRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Registered webhooks. */
public final class JooqWebhooks {

    private final Database db;

    public JooqWebhooks(Database db) {
        this.db = db;
    }

    public Webhook create(String url, String secret, String projectId, List<String> kinds, String createdBy) {
        return db.write(ctx -> {
            String id = Ids.newId();
            long now = db.nowMillis();
            ctx.insertInto(WEBHOOKS)
                    .set(WEBHOOKS.ID, id)
                    .set(WEBHOOKS.URL, url)
                    .set(WEBHOOKS.SECRET, secret)
                    .set(WEBHOOKS.PROJECT_ID, projectId)
                    .set(WEBHOOKS.KINDS, String.join(",", kinds))
                    .set(WEBHOOKS.CREATED_BY, createdBy)
                    .set(WEBHOOKS.CREATED_AT, now)
                    .execute();
            return new Webhook(
                    id, url, secret, projectId, new LinkedHashSet<>(kinds), createdBy, Instant.ofEpochMilli(now));
        });
    }

    public Optional<Webhook> get(String id) {
        return db.read(
                ctx -> ctx.selectFrom(WEBHOOKS).where(WEBHOOKS.ID.eq(id)).fetchOptional(JooqWebhooks::toWebhook));
    }

    public List<Webhook> list() {
        return db.read(ctx -> ctx.selectFrom(WEBHOOKS)
                .orderBy(WEBHOOKS.CREATED_AT, WEBHOOKS.ID)
                .fetch(JooqWebhooks::toWebhook));
    }

    /** The webhooks that hear of {@code kind} in {@code projectId} (null: an event of no project). */
    public List<Webhook> listening(String kind, String projectId) {
        return list().stream()
                .filter(w -> w.kinds().contains(kind))
                .filter(w -> w.projectId() == null || w.projectId().equals(projectId))
                .toList();
    }

    public boolean delete(String id) {
        return db.write(ctx ->
                        ctx.deleteFrom(WEBHOOKS).where(WEBHOOKS.ID.eq(id)).execute())
                == 1;
    }

    private static Webhook toWebhook(WebhooksRecord r) {
        return new Webhook(
                r.getId(),
                r.getUrl(),
                r.getSecret(),
                r.getProjectId(),
                new LinkedHashSet<>(Arrays.asList(r.getKinds().split(","))),
                r.getCreatedBy(),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }
}
