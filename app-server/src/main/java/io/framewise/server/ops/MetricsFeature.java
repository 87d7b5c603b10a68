package io.framewise.server.ops;

import io.framewise.server.Feature;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * {@code GET /api/metrics}: the node's meters ({@link ServerMeters}) in the Prometheus text format,
 * for administrators, or for a scraper that presents the metrics token ({@link MetricsToken}) as
 * {@code Authorization: Bearer}. Only in the header: a token in the query string reaches access
 * logs, so it is not looked at. Any other bearer token goes on to the ordinary sign-in (a wrong one
 * is a 401 as everywhere), and everyone but administrators is refused by the route's rule.
 */
public final class MetricsFeature implements Feature {

    static final String PATH = "/api/metrics";
    /** The Prometheus text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMeters meters;
    private final MetricsToken token;

    public MetricsFeature(ServerMeters meters, MetricsToken token) {
        this.meters = meters;
        this.token = token;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.requestLogger.http(meters::request);
        // Before the access check: the metrics token is no person's credential, the authenticator
        // would refuse it as an unknown API token.
        cfg.routes.before(PATH, ctx -> {
            if (ctx.method() == HandlerType.GET && token.matches(bearer(ctx))) {
                ctx.attribute(ServerMeters.ROUTE_ATTRIBUTE, PATH);
                answer(ctx);
                ctx.skipRemainingHandlers();
            }
        });
        cfg.routes.get(PATH, this::answer);
    }

    private void answer(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(CONTENT_TYPE);
        ctx.result(meters.scrape());
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(trimmed.substring(7).strip())
                : Optional.empty();
    }
}
