package io.framewise.server.web;

import io.framewise.server.Feature;
import io.framewise.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the browser UI that the Maven build puts under {@code web/} on the classpath. Client-side
 * routes ({@code /review/...}, {@code /admin}) get {@code index.html} (the single-page fallback), so
 * a reload or a shared link lands on the right page. Vite names built assets by content hash, so
 * they are cached for a year as immutable; {@code index.html} is never cached, which is what makes
 * a new server version reach browsers at their next load.
 *
 * <p>Every file it serves carries the UI's Content-Security-Policy (no framing, same-origin code
 * only), {@code nosniff} and a same-origin referrer policy.
 *
 * <p>Registered last: the API's own routes match first, and a GET under {@code /api/} that none of
 * them answers stays a 404 in the error shape instead of turning into the page.
 */
public final class WebUiFeature implements Feature {

    static final String ROOT = "web";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";

    /**
     * Only same-origin code runs: note text and names are rendered as text by the UI, and this keeps a
     * slip from becoming script execution. Inline style attributes are allowed for layout values the
     * UI computes (progress bars, sprite positions).
     */
    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:;"
            + " connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; script-src 'self';"
            + " object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("json", "application/json"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader loader;
    /** Files found, kept in memory (the built UI is a few hundred kB); misses are not kept. */
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public WebUiFeature() {
        this(WebUiFeature.class.getClassLoader());
    }

    WebUiFeature(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/", this::serve);
        cfg.routes.get("/<path>", this::serve);
    }

    private void serve(Context ctx) {
        String path = ctx.path();
        if (path.equals("/api") || path.startsWith("/api/")) {
            throw new ApiException.NotFound("No endpoint GET " + path, Map.of("method", "GET", "path", path));
        }
        // Every file, not only the page: an SVG or a stale HTML file opened on its own is a document too.
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Content-Type-Options", "nosniff");
        String file = safeFile(path);
        Optional<byte[]> asset = file == null ? Optional.empty() : read(file);
        if (asset.isPresent()) {
            boolean hashed = file.startsWith("assets/");
            ctx.header("Cache-Control", hashed ? IMMUTABLE : NO_CACHE);
            send(ctx, asset.get(), typeOf(file));
            return;
        }
        if (file != null && file.startsWith("assets/")) {
            // A stale page asking for an asset of an older build: a 404 makes the browser reload
            // index.html, where a page in place of a script would fail obscurely.
            throw new ApiException.NotFound("No such file " + path, Map.of("path", path));
        }
        byte[] index = read("index.html")
                .orElseThrow(() -> new ApiException.NotFound(
                        "This server was built without its web UI; build app-server with Maven"
                                + " (it runs npm) to serve it",
                        Map.of("path", path)));
        ctx.header("Cache-Control", NO_CACHE);
        send(ctx, index, TYPES.get("html"));
    }

    private static void send(Context ctx, byte[] body, String type) {
        ctx.contentType(type);
        ctx.result(body);
    }

    /** The classpath name under {@value #ROOT} for a request path, or null for anything suspicious. */
    static String safeFile(String path) {
        String rel = path.startsWith("/") ? path.substring(1) : path;
        if (rel.isEmpty() || rel.endsWith("/")) {
            return null;
        }
        for (String part : rel.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\")) {
                return null;
            }
        }
        return rel;
    }

    private Optional<byte[]> read(String file) {
        byte[] cached = cache.get(file);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(ROOT + "/" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            cache.put(file, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the web UI file " + file, e);
        }
    }

    static String typeOf(String file) {
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
