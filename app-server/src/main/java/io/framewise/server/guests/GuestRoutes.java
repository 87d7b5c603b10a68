package io.framewise.server.guests;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.auth.GuestCredentials;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.library.LibraryRoutes;
import io.framewise.server.shares.Share;
import io.framewise.server.shares.SharesRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guest routes: {@code GET /api/guest/links/{token}} (the page's first screen), {@code POST
 * /api/guest/sessions} (open the link; sets the HttpOnly SameSite=Lax {@value
 * GuestCredentials#COOKIE} cookie and returns the bearer guestToken), {@code GET /api/guest/view} and
 * {@code POST /api/guest/heartbeat}. Everything else a guest does goes through the ordinary media
 * and notes routes, where the authorizer holds them to their link.
 */
public final class GuestRoutes implements Feature {

    private final GuestService guests;
    private final Access access;

    public GuestRoutes(GuestService guests, Access access) {
        this.guests = guests;
        this.access = access;
    }

    record OpenRequest(String token, String name, String email, String password) {}

    record Heartbeat(String mediaId, Long fromFrame, Long toFrame, Double seconds) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/guest/links/{token}", ctx -> {
            GuestService.LinkInfo link = guests.link(ctx.pathParam("token"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", link.title());
            m.put("requireEmail", link.requireEmail());
            m.put("hasPassword", link.hasPassword());
            m.put("state", "active");
            ctx.json(m);
        });
        cfg.routes.post("/api/guest/sessions", this::open);
        cfg.routes.get("/api/guest/view", this::view);
        cfg.routes.post("/api/guest/heartbeat", ctx -> {
            Heartbeat beat = Bodies.read(ctx, Heartbeat.class);
            if (beat.mediaId() == null
                    || beat.fromFrame() == null
                    || beat.toFrame() == null
                    || beat.seconds() == null) {
                throw new ApiException.BadRequest(
                        "give mediaId, fromFrame, toFrame and seconds", Map.of("field", "body"), null);
            }
            guests.heartbeat(access.caller(ctx), beat.mediaId(), beat.fromFrame(), beat.toFrame(), beat.seconds());
            ctx.status(204);
        });
    }

    private void open(Context ctx) {
        OpenRequest req = Bodies.read(ctx, OpenRequest.class);
        GuestService.Opened opened =
                guests.open(access.caller(ctx), req.token(), req.name(), req.email(), req.password());
        boolean secure =
                access.authenticator().settings().secureCookies() || ctx.req().isSecure();
        long seconds =
                Math.max(1, Duration.between(Instant.now(), opened.expires()).toSeconds());
        ctx.cookie(new Cookie(
                GuestCredentials.COOKIE,
                opened.guestToken(),
                "/",
                (int) Math.min(Integer.MAX_VALUE, seconds),
                secure,
                true,
                null,
                SameSite.LAX));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("guestToken", opened.guestToken());
        body.put("expiresAt", opened.expires().toString());
        body.put("share", shareView(opened.share(), opened.targetTitle()));
        body.put("target", SharesRoutes.target(opened.share(), opened.targetTitle()));
        ctx.status(201).json(body);
    }

    private void view(Context ctx) {
        GuestService.View view = guests.view(access.caller(ctx));
        Map<String, Object> guest = new LinkedHashMap<>();
        guest.put("name", view.guest().name());
        guest.put("email", view.guest().email());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("share", shareView(view.share(), view.targetTitle()));
        body.put("target", SharesRoutes.target(view.share(), view.targetTitle()));
        body.put("guest", guest);
        body.put("watermark", view.watermark());
        body.put("assets", view.assets().stream().map(LibraryRoutes::assetView).toList());
        ctx.json(body);
    }

    private static Map<String, Object> shareView(Share share, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("rights", share.wireRights());
        m.put("watermark", share.watermark());
        m.put("live", share.live());
        m.put("requireEmail", share.requireEmail());
        m.put("expiresAt", share.expires() == null ? null : share.expires().toString());
        return m;
    }
}
