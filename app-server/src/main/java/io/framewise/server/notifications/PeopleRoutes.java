package io.framewise.server.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.AccessFacts;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Principal;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.http.Json;
import io.framewise.server.library.Member;
import io.framewise.server.library.MemberRepository;
import io.framewise.server.notifications.NotificationKind.Channel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * People getting told, over HTTP: their notification settings, webhooks, review requests, and the
 * people a note on a media item may mention.
 */
public final class PeopleRoutes implements Feature, AutoCloseable {

    private final Access access;
    private final JooqNotificationSettings settings;
    private final WebhookService webhooks;
    private final ReviewRequestService reviewRequests;
    private final PeopleEvents people;
    private final AccessFacts facts;
    private final MemberRepository members;
    private final ObjectMapper json = Json.newMapper();
    private final OutboxDispatcher dispatcher;

    /** @param dispatcher the outbox's sending thread, closed with the server */
    public PeopleRoutes(
            OutboxDispatcher dispatcher,
            Access access,
            JooqNotificationSettings settings,
            WebhookService webhooks,
            ReviewRequestService reviewRequests,
            PeopleEvents people,
            AccessFacts facts,
            MemberRepository members) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.settings = settings;
        this.webhooks = webhooks;
        this.reviewRequests = reviewRequests;
        this.people = people;
        this.facts = facts;
        this.members = members;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/me/notification-settings",
                ctx -> ctx.json(view(settings.get(person(ctx).userId()))));
        cfg.routes.put("/api/me/notification-settings", this::putSettings);
        cfg.routes.get(
                "/api/webhooks",
                ctx -> ctx.json(webhooks.list(caller(ctx)).stream()
                        .map(w -> view(w, false))
                        .toList()));
        cfg.routes.post("/api/webhooks", this::createWebhook);
        cfg.routes.delete("/api/webhooks/{id}", ctx -> {
            webhooks.delete(caller(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
        cfg.routes.get(
                "/api/webhooks/{id}/deliveries",
                ctx -> ctx.json(webhooks.deliveries(caller(ctx), ctx.pathParam("id"), 100).stream()
                        .map(PeopleRoutes::view)
                        .toList()));
        cfg.routes.post("/api/assets/{id}/review-requests", this::requestReview);
        cfg.routes.get("/api/review-requests", this::myReviewRequests);
        cfg.routes.get("/api/media/{id}/mentionable", this::mentionable);
    }

    @Override
    public void close() {
        dispatcher.close();
    }

    private void putSettings(Context ctx) throws Exception {
        String userId = person(ctx).userId();
        JsonNode body = Bodies.object(
                json, ctx.body(), Set.of("email", "kinds"), (f, allowed) -> "unknown field " + f + ": use " + allowed);
        boolean setEmail = body.has("email");
        String email = Bodies.optionalString(body, "email");
        if (email != null) {
            email = email.strip();
            if (email.isEmpty()) {
                email = null;
            } else {
                try {
                    MailText.checkAddress(email, "email");
                } catch (IllegalArgumentException e) {
                    throw new ApiException.Invalid(e.getMessage(), Map.of("field", "email"));
                }
            }
        }
        Map<NotificationKind, Channel> chosen = new EnumMap<>(NotificationKind.class);
        JsonNode kinds = body.get("kinds");
        if (kinds != null && !kinds.isNull()) {
            if (!kinds.isObject()) {
                throw Bodies.badRequest("kinds must be an object of kind: channel", "kinds");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = kinds.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    NotificationKind kind = NotificationKind.fromWire(e.getKey());
                    if (!e.getValue().isTextual()) {
                        throw new IllegalArgumentException("the channel of " + kind.wire() + " must be a string");
                    }
                    chosen.put(kind, Channel.fromWire(e.getValue().asText()));
                } catch (IllegalArgumentException bad) {
                    throw new ApiException.Invalid(bad.getMessage(), Map.of("field", "kinds"));
                }
            }
        }
        ctx.json(view(settings.put(userId, setEmail, email, chosen)));
    }

    private void createWebhook(Context ctx) throws Exception {
        JsonNode body = Bodies.object(
                json,
                ctx.body(),
                Set.of("url", "projectId", "kinds"),
                (f, allowed) -> "unknown field " + f + ": use " + allowed);
        String url = Bodies.optionalString(body, "url");
        String projectId = Bodies.optionalString(body, "projectId");
        List<String> kinds = strings(body, "kinds");
        Webhook hook = webhooks.create(caller(ctx), url, projectId, kinds);
        ctx.status(201).json(view(hook, true));
    }

    private void requestReview(Context ctx) throws Exception {
        JsonNode body = Bodies.object(
                json,
                ctx.body(),
                Set.of("userIds", "due", "message"),
                (f, allowed) -> "unknown field " + f + ": use " + allowed);
        ReviewRequest r = reviewRequests.create(
                caller(ctx),
                ctx.pathParam("id"),
                strings(body, "userIds"),
                Bodies.optionalString(body, "due"),
                Bodies.optionalString(body, "message"));
        ctx.status(201).json(view(r));
    }

    private void myReviewRequests(Context ctx) {
        String mine = ctx.queryParam("mine");
        if (mine != null && !mine.equals("1") && !mine.equals("true")) {
            throw new ApiException.Invalid("mine must be 1 (the requests addressed to you)", Map.of("field", "mine"));
        }
        ctx.json(reviewRequests.mine(caller(ctx)).stream().map(this::view).toList());
    }

    private void mentionable(Context ctx) {
        String mediaId = ctx.pathParam("id");
        String q =
                ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip().toLowerCase(Locale.ROOT);
        if (q.length() > 64) {
            throw new ApiException.Invalid("q must be at most 64 characters", Map.of("field", "q"));
        }
        List<String> candidates = new ArrayList<>();
        facts.projectOfMedia(mediaId)
                .ifPresent(p -> members.list(p).stream().map(Member::userId).forEach(candidates::add));
        facts.uploaderOf(mediaId).filter(u -> !candidates.contains(u)).ifPresent(candidates::add);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String userId : candidates) {
            people.principal(userId)
                    .filter(p -> p.name().startsWith(q)
                            || p.displayName().toLowerCase(Locale.ROOT).startsWith(q))
                    .filter(p -> people.maySee(p.userId(), mediaId))
                    .ifPresent(p -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("userId", p.userId());
                        m.put("name", p.name());
                        m.put("displayName", p.displayName());
                        out.add(m);
                    });
        }
        out.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        ctx.json(out.size() > 20 ? out.subList(0, 20) : out);
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw Bodies.badRequest(field + " must be a list of strings", field);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : value) {
            if (!n.isTextual()) {
                throw Bodies.badRequest(field + " must be a list of strings", field);
            }
            out.add(n.asText());
        }
        return out;
    }

    private Caller caller(Context ctx) {
        person(ctx);
        return access.caller(ctx);
    }

    private static Principal.Person person(Context ctx) {
        if (!(Access.principal(ctx) instanceof Principal.Person person)) {
            throw new ApiException.Unauthenticated("sign in first");
        }
        return person;
    }

    private static Map<String, Object> view(NotificationSettings s) {
        Map<String, Object> kinds = new LinkedHashMap<>();
        s.channels().forEach((k, c) -> kinds.put(k.wire(), c.wire()));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("email", s.email());
        v.put("kinds", kinds);
        return v;
    }

    private static Map<String, Object> view(Webhook w, boolean withSecret) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", w.id());
        v.put("url", w.url());
        v.put("projectId", w.projectId());
        v.put("kinds", List.copyOf(w.kinds()));
        v.put("createdAt", w.created().toString());
        if (withSecret) {
            v.put("secret", w.secret());
        }
        return v;
    }

    private static Map<String, Object> view(OutboxEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.id());
        v.put("event", e.event());
        v.put("state", e.state());
        v.put("attempts", e.attempts());
        v.put("lastStatus", e.lastStatus());
        v.put("lastError", e.lastError());
        v.put("createdAt", e.created().toString());
        v.put(
                "nextAttemptAt",
                e.state().equals(OutboxEntry.PENDING) ? e.nextAttempt().toString() : null);
        v.put("finishedAt", e.finished() == null ? null : e.finished().toString());
        return v;
    }

    private Map<String, Object> view(ReviewRequest r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("assetId", r.assetId());
        v.put("assetTitle", reviewRequests.titleOf(r.assetId()));
        v.put("requestedBy", Map.of("userId", r.requestedBy(), "name", people.nameOf(r.requestedBy())));
        v.put("due", r.due().toString());
        v.put("overdue", r.overdueOn(reviewRequests.today()));
        v.put("message", r.message());
        v.put(
                "people",
                r.people().stream()
                        .map(p -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("userId", p.userId());
                            m.put("name", people.nameOf(p.userId()));
                            m.put("doneAt", p.done() == null ? null : p.done().toString());
                            return m;
                        })
                        .toList());
        v.put("createdAt", r.created().toString());
        return v;
    }
}
