package io.framewise.server.shares;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.http.PublicAddresses;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner's side of share links: {@code GET/POST /api/shares}, {@code GET/PATCH/DELETE
 * /api/shares/{id}} and {@code GET /api/shares/{id}/analytics} (JSON or CSV).
 */
public final class SharesRoutes implements Feature {

    private final ShareService shares;
    private final ShareAnalyticsService analytics;
    private final Access access;
    private final PublicAddresses addresses;
    private final Clock clock;

    public SharesRoutes(
            ShareService shares,
            ShareAnalyticsService analytics,
            Access access,
            PublicAddresses addresses,
            Clock clock) {
        this.shares = shares;
        this.analytics = analytics;
        this.access = access;
        this.addresses = addresses;
        this.clock = clock;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/shares", this::list);
        cfg.routes.post("/api/shares", this::create);
        cfg.routes.get("/api/shares/{id}", ctx -> ctx.json(view(shares.get(access.caller(ctx), ctx.pathParam("id")))));
        cfg.routes.patch("/api/shares/{id}", ctx -> {
            JsonNode body = Bodies.read(ctx, JsonNode.class);
            ctx.json(view(shares.change(access.caller(ctx), ctx.pathParam("id"), ShareRequests.changes(body))));
        });
        cfg.routes.delete("/api/shares/{id}", ctx -> {
            shares.revoke(access.caller(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
        cfg.routes.get("/api/shares/{id}/analytics", this::analytics);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> items =
                shares.list(access.caller(ctx), ctx.queryParam("targetType"), ctx.queryParam("targetId")).stream()
                        .map(this::view)
                        .toList();
        ctx.json(Map.of("items", items));
    }

    private void create(Context ctx) {
        JsonNode body = Bodies.read(ctx, JsonNode.class);
        ShareService.Created created = shares.create(access.caller(ctx), ShareRequests.draft(body));
        Map<String, Object> view = view(new ShareService.Listed(created.share(), shares.targetTitle(created.share())));
        view.put("url", baseUrl(ctx) + "/s/" + created.token());
        view.put("token", created.token());
        ctx.status(201).json(view);
    }

    private void analytics(Context ctx) {
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new ApiException.BadRequest("format must be json or csv", Map.of("field", "format"), null);
        }
        int buckets = ShareAnalyticsService.DEFAULT_BUCKETS;
        String rawBuckets = ctx.queryParam("buckets");
        if (rawBuckets != null) {
            try {
                buckets = Integer.parseInt(rawBuckets);
            } catch (NumberFormatException e) {
                throw new ApiException.BadRequest("buckets must be a whole number", Map.of("field", "buckets"), null);
            }
        }
        ShareAnalytics result =
                analytics.of(access.caller(ctx), ctx.pathParam("id"), ctx.queryParam("mediaId"), buckets);
        if (format.equals("csv")) {
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"share-" + ctx.pathParam("id") + ".csv\"");
            ctx.result(AnalyticsCsv.of(result));
            return;
        }
        ctx.json(analyticsView(result));
    }

    /** Where guests open links: the first public URL, else the address this request came to. */
    private String baseUrl(Context ctx) {
        List<URI> urls = addresses.urls();
        String base =
                urls.isEmpty() ? ctx.scheme() + "://" + ctx.host() : urls.get(0).toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    Map<String, Object> view(ShareService.Listed listed) {
        Share s = listed.share();
        Instant now = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("target", target(s, listed.targetTitle()));
        m.put("version", s.version());
        m.put("url", null);
        m.put("createdBy", s.createdBy());
        m.put("createdAt", s.created().toString());
        m.put("expiresAt", s.expires() == null ? null : s.expires().toString());
        m.put("hasPassword", s.hasPassword());
        m.put("rights", s.wireRights());
        m.put("maxViews", s.maxViews());
        m.put("views", s.views());
        m.put("watermark", s.watermark());
        m.put("requireEmail", s.requireEmail());
        m.put("live", s.live());
        m.put("title", s.title());
        m.put("revokedAt", s.revoked() == null ? null : s.revoked().toString());
        m.put("state", s.state(now).wire());
        return m;
    }

    /** What a link shows, as its owners and its guests see it. */
    public static Map<String, Object> target(Share share, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", share.targetType().wire());
        m.put("id", share.targetId());
        m.put("title", title);
        return m;
    }

    private static Map<String, Object> analyticsView(ShareAnalytics a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("opens", a.opens());
        m.put("uniqueGuests", a.uniqueGuests());
        m.put("watchSeconds", a.watchSeconds());
        m.put("downloads", a.downloads());
        m.put("notes", a.notes());
        m.put(
                "guests",
                a.guests().stream()
                        .map(g -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("name", g.name());
                            row.put("email", g.email());
                            row.put("firstSeen", g.firstSeen().toString());
                            row.put("lastSeen", g.lastSeen().toString());
                            row.put("watchSeconds", g.watchSeconds());
                            row.put("downloads", g.downloads());
                            row.put("notes", g.notes());
                            return row;
                        })
                        .toList());
        if (a.heat() == null) {
            m.put("heat", null);
        } else {
            Map<String, Object> heat = new LinkedHashMap<>();
            heat.put("mediaId", a.heat().mediaId());
            heat.put("frameCount", a.heat().frameCount());
            heat.put("buckets", a.heat().buckets());
            m.put("heat", heat);
        }
        return m;
    }
}
