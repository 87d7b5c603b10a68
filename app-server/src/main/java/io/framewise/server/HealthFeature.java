package io.framewise.server;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /api/health}: a cheap liveness answer for load balancers, systemd and clients. */
public final class HealthFeature implements Feature {

    /** The health answer. */
    public record Health(String status, String version, long uptimeSeconds) {}

    private final Instant started = Instant.now();

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/health",
                ctx -> ctx.json(new Health(
                        "ok",
                        Version.current(),
                        Duration.between(started, Instant.now()).toSeconds())));
    }
}
