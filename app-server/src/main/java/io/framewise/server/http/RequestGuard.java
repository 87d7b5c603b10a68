package io.framewise.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one check every request passes before any route, in every auth mode, against web pages the
 * user happens to visit (see docs/decisions/0025):
 *
 * <ol>
 *   <li><b>Host</b>: only names in {@link AllowedHosts}, else 421 (DNS rebinding);
 *   <li><b>Origin</b>: a state change (any method but GET, HEAD, OPTIONS) and the WebSocket
 *       handshake must come from the server's own origin (the request's own host and port, or a
 *       {@code --public-url}) when the browser says where it comes from ({@code Origin}, else
 *       {@code Sec-Fetch-Site}); else 403. Requests that name no origin (curl, the desktop app,
 *       scripts) are not from a page and pass;
 *   <li><b>JSON bodies</b>: a state change under {@code /api/} with a body must send it as {@code
 *       application/json}, else 415, so no form or {@code text/plain} "simple request" reaches a JSON
 *       endpoint. Uploads ({@link #RAW_BODY_PATHS}) take any body type.
 * </ol>
 */
public final class RequestGuard {

    /**
     * The routes whose body is a file, not JSON: plain and multipart uploads, and tus (creation and
     * {@code application/offset+octet-stream} chunks). A new upload route belongs here.
     */
    static final Set<String> RAW_BODY_PATHS = Set.of(
            "POST /api/media",
            "* /api/tus",
            "* /api/tus/*",
            "POST /api/templates/files",
            "POST /api/media/*/edl",
            "POST /api/media/*/subtitles");

    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    private final AllowedHosts hosts;
    private final List<String> publicOrigins;
    /** Refusals are logged at most once a minute: a misconfigured proxy shows up, a flood does not. */
    private final AtomicLong lastLogged = new AtomicLong();

    public RequestGuard(AllowedHosts hosts, List<String> publicOrigins) {
        this.hosts = hosts;
        this.publicOrigins = List.copyOf(publicOrigins);
    }

    /** Puts the guard in front of every route and every WebSocket upgrade of the app. */
    public static void install(JavalinConfig cfg, PublicAddresses addresses) {
        RequestGuard guard = new RequestGuard(AllowedHosts.of(addresses), addresses.origins());
        cfg.routes.before(guard::checkRequest);
        cfg.routes.wsBeforeUpgrade(guard::checkUpgrade);
    }

    /** The checks for an ordinary request. */
    public void checkRequest(Context ctx) {
        checkHost(ctx);
        NulCharacters.checkAddress(ctx.req().getRequestURI(), ctx.queryString());
        if (SAFE.contains(ctx.method())) {
            return;
        }
        checkOrigin(ctx);
        String path = trimmed(ctx.path());
        if (path.startsWith("/api/") && hasBody(ctx) && !rawBody(ctx.method(), path)) {
            checkJson(ctx);
            NulCharacters.checkJson(ctx.body());
        }
    }

    /** The checks for a WebSocket handshake: a GET that opens a channel for state changes. */
    public void checkUpgrade(Context ctx) {
        checkHost(ctx);
        checkOrigin(ctx);
    }

    private void checkHost(Context ctx) {
        String host = ctx.header("Host");
        if (!hosts.allows(host)) {
            String name = AllowedHosts.hostOf(host);
            logRefusal(ctx, "the host name '" + name + "' is not one it answers to (--public-url, --allowed-host)");
            throw new ApiException.Misdirected(
                    "This server does not answer to the name '" + name + "'. If it is reached by this name,"
                            + " start it with --public-url URL or --allowed-host " + name + ".",
                    Map.of("host", name));
        }
    }

    private void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            if (!isOwn(origin, ctx.header("Host"))) {
                logRefusal(ctx, "it came from the page of another origin, " + origin + " (--public-url)");
                throw crossOrigin(origin);
            }
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            logRefusal(ctx, "the browser says it came from another site (Sec-Fetch-Site: " + site + ")");
            throw crossOrigin(site);
        }
    }

    private void logRefusal(Context ctx, String why) {
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_MILLIS && lastLogged.compareAndSet(last, now)) {
            LOG.warn(
                    "Refused {} {} from {}: {}",
                    ctx.method(),
                    ctx.path(),
                    ctx.req().getRemoteAddr(),
                    why.length() > 300 ? why.substring(0, 300) : why);
        }
    }

    private static ApiException crossOrigin(String from) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", "cross_origin");
        details.put("origin", from);
        return new ApiException.Forbidden(
                "Refused a change from another site (" + from + "): the server accepts changes only from its own"
                        + " pages. If browsers reach it at another address (a reverse proxy), start it with"
                        + " --public-url URL.",
                details);
    }

    /** Whether an Origin header names this server: the request's own host and port, or a public URL. */
    boolean isOwn(String origin, String hostHeader) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || (!scheme.equals("http") && !scheme.equals("https"))) {
            // "null" (sandboxed frames, file pages, privacy redirects) and anything odd.
            return false;
        }
        String normalized = PublicAddresses.origin(scheme, uri.getHost(), uri.getPort());
        if (publicOrigins.contains(normalized)) {
            return true;
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        int port = uri.getPort() < 0 ? PublicAddresses.defaultPort(scheme) : uri.getPort();
        return uri.getHost().toLowerCase(Locale.ROOT).equals(AllowedHosts.hostOf(hostHeader))
                && port == portOf(hostHeader, PublicAddresses.defaultPort(scheme));
    }

    /** The port of a Host header; a header without one means the scheme's default port. */
    private static int portOf(String hostHeader, int defaultPort) {
        String h = hostHeader.strip();
        int bracket = h.lastIndexOf(']');
        int colon = h.lastIndexOf(':');
        if (colon < 0 || colon < bracket) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    private static void checkJson(Context ctx) {
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json) {
            throw new ApiException.Unsupported(
                    "Send the request body as JSON with 'Content-Type: application/json'"
                            + (type == null ? " (it had no Content-Type)." : " (it was '" + mediaType + "')."),
                    Map.of("contentType", type == null ? "" : mediaType, "expected", "application/json"));
        }
    }

    private static boolean hasBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        return length > 0 || (length < 0 && ctx.header("Transfer-Encoding") != null);
    }

    static boolean rawBody(HandlerType method, String path) {
        String exact = method.name() + " " + path;
        if (RAW_BODY_PATHS.contains(exact) || RAW_BODY_PATHS.contains("* " + path)) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        if (slash > 0 && RAW_BODY_PATHS.contains("* " + path.substring(0, slash) + "/*")) {
            return true;
        }
        // One id segment before the last: "POST /api/media/*/edl".
        int before = slash > 0 ? path.lastIndexOf('/', slash - 1) : -1;
        return before > 0
                && RAW_BODY_PATHS.contains(
                        method.name() + " " + path.substring(0, before) + "/*" + path.substring(slash));
    }

    private static String trimmed(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
