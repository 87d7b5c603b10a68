package io.framewise.server.home;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.http.Bodies;
import io.javalin.config.JavalinConfig;
import java.util.Objects;

/**
 * {@code GET /api/home}, the signed-in person's first screen, and {@code PUT
 * /api/media/{id}/position}, where the review page and the desktop report the frame they are at
 * (throttled by the clients) for "Continue watching".
 */
public final class HomeRoutes implements Feature {

    /** The position body. */
    public record Position(Long frame) {}

    private final HomeService service;
    private final Access access;

    public HomeRoutes(HomeService service, Access access) {
        this.service = Objects.requireNonNull(service, "service");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/home", ctx -> ctx.json(service.home(access.caller(ctx))));
        cfg.routes.put("/api/media/{id}/position", ctx -> {
            Position body = Bodies.read(ctx, Position.class);
            ctx.json(service.savePosition(access.caller(ctx), ctx.pathParam("id"), body.frame()));
        });
    }
}
