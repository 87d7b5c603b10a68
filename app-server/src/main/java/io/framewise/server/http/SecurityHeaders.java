package io.framewise.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * The response headers that keep other sites from framing, sniffing or embedding what the server
 * answers, set on every response before any route runs (so errors carry them too). The web UI
 * replaces the policy with its full Content-Security-Policy on every file it serves.
 */
public final class SecurityHeaders {

    /**
     * API answers are not pages, but a still or a stream may be opened in a tab: no site may frame
     * them. (A stricter default-src would keep such a tab from showing the picture.)
     */
    public static final String API_CSP = "frame-ancestors 'none'";

    private SecurityHeaders() {}

    public static void install(JavalinConfig cfg) {
        cfg.routes.before(SecurityHeaders::apply);
    }

    static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        String path = ctx.path();
        if (path.equals("/api") || path.startsWith("/api/")) {
            ctx.header("Content-Security-Policy", API_CSP);
            // Media, stills and JSON are for this server's own pages and for non-browser clients;
            // another site may not even embed them (it would learn what exists by load or error).
            ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        }
    }
}
