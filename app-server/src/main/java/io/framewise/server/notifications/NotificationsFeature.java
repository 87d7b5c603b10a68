package io.framewise.server.notifications;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Principal;
import io.framewise.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The signed-in user's notifications over HTTP: the list and marking one read. */
public final class NotificationsFeature implements Feature {

    private final NotificationService notifications;

    public NotificationsFeature(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/notifications", this::list);
        cfg.routes.post("/api/notifications/{id}/read", this::markRead);
    }

    private void list(Context ctx) {
        Principal.Person person = signedIn(ctx);
        int limit = limit(ctx);
        ctx.json(notifications.forUser(person.userId(), limit).stream()
                .map(n -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", n.id());
                    m.put("kind", n.kind());
                    m.put("text", n.text());
                    m.put(
                            "subject",
                            n.subjectType() == null ? null : Map.of("type", n.subjectType(), "id", n.subjectId()));
                    m.put("source", n.source());
                    m.put("mediaId", n.mediaId());
                    m.put("assetId", n.assetId());
                    m.put("frame", n.frame());
                    m.put("createdAt", n.created().toString());
                    m.put("readAt", n.read() == null ? null : n.read().toString());
                    return m;
                })
                .toList());
    }

    private void markRead(Context ctx) {
        Principal.Person person = signedIn(ctx);
        if (!notifications.markRead(person.userId(), ctx.pathParam("id"))) {
            throw new ApiException.NotFound("no such notification: " + ctx.pathParam("id"));
        }
        ctx.status(204);
    }

    private static Principal.Person signedIn(Context ctx) {
        if (!(Access.principal(ctx) instanceof Principal.Person person)) {
            throw new ApiException.Unauthenticated("sign in to see your notifications");
        }
        return person;
    }

    private static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null || raw.isEmpty()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= 500) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Answered below, like an out-of-range number.
        }
        throw new ApiException.Invalid(
                "limit must be a whole number from 1 to 500, got " + raw, Map.of("field", "limit"));
    }
}
