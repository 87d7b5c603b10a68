package io.framewise.server.scenes;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Suggested scene markers over HTTP (openapi.json, tag scenes); the rules are {@link
 * SceneCutService}'s.
 *
 * <ul>
 *   <li>{@code GET /api/media/{id}/scene-cuts} -> {@code {detected, cuts: [{id, frame, score}]}}
 *   <li>{@code POST /api/media/{id}/scene-cuts/{cutId}/accept} -> 201 the note written at the cut
 *   <li>{@code POST /api/media/{id}/scene-cuts/accept-all} -> 201 {@code {notes: [...]}}
 *   <li>{@code DELETE /api/media/{id}/scene-cuts/{cutId}} -> 204 (dismissed)
 * </ul>
 */
final class SceneCutRoutes implements Feature {

    private final SceneCutService service;
    private final Access access;

    SceneCutRoutes(SceneCutService service, Access access) {
        this.service = service;
        this.access = access;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/media/{id}/scene-cuts", this::list);
        cfg.routes.post("/api/media/{id}/scene-cuts/accept-all", this::acceptAll);
        cfg.routes.post("/api/media/{id}/scene-cuts/{cutId}/accept", this::accept);
        cfg.routes.delete("/api/media/{id}/scene-cuts/{cutId}", this::dismiss);
    }

    private void list(Context ctx) {
        SceneCutService.Suggestions s = service.list(access.caller(ctx), ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("detected", s.detected());
        out.put("cuts", s.cuts().stream().map(SceneCutRoutes::view).toList());
        ctx.json(out);
    }

    private void accept(Context ctx) {
        ctx.status(201).json(service.accept(access.caller(ctx), ctx.pathParam("id"), ctx.pathParam("cutId")));
    }

    private void acceptAll(Context ctx) {
        ctx.status(201).json(Map.of("notes", service.acceptAll(access.caller(ctx), ctx.pathParam("id"))));
    }

    private void dismiss(Context ctx) {
        service.dismiss(access.caller(ctx), ctx.pathParam("id"), ctx.pathParam("cutId"));
        ctx.status(204);
    }

    static Map<String, Object> view(SceneCut c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("frame", c.frame());
        m.put("score", Math.round(c.score() * 1000) / 1000.0);
        return m;
    }
}
