package io.framewise.server.idempotency;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The routes that honour {@code Idempotency-Key}: the ones that create something, where a client
 * that got no answer cannot tell whether to send again. A new creating route (clips, share links)
 * opts in with one line here.
 */
public final class IdempotentRoutes {

    /** How a route's request is told apart from another one under the same key. */
    public enum Body {
        /** A JSON body: compared byte for byte (it is small; the handler reads it from Javalin's cache). */
        JSON,
        /**
         * A file streamed to disk: the body is never read ahead of the handler, so only its length,
         * type, query and upload headers are compared.
         */
        STREAM
    }

    /** Headers that describe a streamed body (tus uploads), besides its type and length. */
    private static final String[] STREAM_HEADERS = {"Upload-Length", "Upload-Defer-Length", "Upload-Metadata"};

    private final Map<String, Body> routes = new LinkedHashMap<>();

    /** The product's creating routes. */
    public static IdempotentRoutes product() {
        return new IdempotentRoutes()
                .add(HandlerType.POST, "/api/media/{id}/comments", Body.JSON)
                .add(HandlerType.POST, "/api/media", Body.STREAM)
                .add(HandlerType.POST, "/api/tus", Body.STREAM)
                .add(HandlerType.POST, "/api/assets", Body.JSON)
                .add(HandlerType.POST, "/api/assets/{id}/versions", Body.JSON)
                .add(HandlerType.POST, "/api/projects", Body.JSON)
                .add(HandlerType.POST, "/api/tokens", Body.JSON)
                .add(HandlerType.POST, "/api/admin/users", Body.JSON)
                .add(HandlerType.POST, "/api/media/{id}/clips", Body.JSON);
    }

    /** Opts a route in; {@code path} is the route's pattern as registered. */
    public IdempotentRoutes add(HandlerType method, String path, Body body) {
        routes.put(key(method, path), body);
        return this;
    }

    Optional<Body> find(HandlerType method, String path) {
        return Optional.ofNullable(routes.get(key(method, path)));
    }

    /** Every route, keyed {@code "METHOD path"}. */
    public Map<String, Body> all() {
        return Collections.unmodifiableMap(routes);
    }

    /**
     * What identifies the request under its key: method, path, query and the body (or, for a stream,
     * what describes it).
     */
    static byte[] requestOf(Context ctx, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, ctx.method().name());
        write(out, ctx.path());
        write(out, ctx.queryString() == null ? "" : ctx.queryString());
        if (body == Body.JSON) {
            byte[] bytes = ctx.bodyAsBytes();
            out.write(bytes, 0, bytes.length);
        } else {
            // A multipart body's boundary (and so its length) changes with every attempt of a browser.
            String type = ctx.header("Content-Type") == null ? "" : ctx.header("Content-Type");
            String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            write(out, "content-type:" + mediaType);
            if (!mediaType.startsWith("multipart/")) {
                write(out, "content-length:" + ctx.req().getContentLengthLong());
            }
            for (String name : STREAM_HEADERS) {
                String value = ctx.header(name);
                write(out, name.toLowerCase(Locale.ROOT) + ":" + (value == null ? "" : value.strip()));
            }
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        out.write(0);
    }

    private static String key(HandlerType method, String path) {
        return method.name() + " " + path;
    }
}
