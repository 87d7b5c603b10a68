package io.framewise.server.http;

import io.framewise.server.Feature;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 description of the REST API, kept by hand next to
 * this class as {@value #RESOURCE}. A hand-kept document says what clients may rely on (limits,
 * error cases, the WebSocket protocol in {@code x-websocket}) better than one derived from
 * handlers. Tests keep it truthful: {@code OpenApiFeatureTest} fails when a registered route is
 * missing from it, and the contract check validates every exchange of the server's tests against
 * it (docs/decisions/0029).
 */
public final class OpenApiFeature implements Feature {

    public static final String PATH = "/api/openapi.json";
    public static final String RESOURCE = "openapi.json";

    private final byte[] document;

    public OpenApiFeature() {
        this.document = load();
    }

    /** The document's bytes as served. */
    public static byte[] load() {
        try (InputStream in = OpenApiFeature.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document", e);
        }
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(PATH, ctx -> {
            ctx.contentType("application/json");
            ctx.header("Cache-Control", "no-cache");
            ctx.result(document);
        });
    }
}
