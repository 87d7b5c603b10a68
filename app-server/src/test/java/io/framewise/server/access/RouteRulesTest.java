package io.framewise.server.access;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API route without an access rule never gets served: the server refuses to start. */
class RouteRulesTest {

    @TempDir
    Path data;

    @Test
    void aRouteMissingFromTheTableStopsTheServerFromStarting() {
        Exception e = assertThrows(RuntimeException.class, () -> FramewiseServer.start(
                        ServerConfig.defaults(data).withPort(0),
                        cfg -> cfg.routes.get("/api/secret-new-thing", ctx -> ctx.result("oops")))
                .close());
        Throwable cause = e;
        while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("access rule")) {
            cause = cause.getCause();
        }
        assertTrue(
                String.valueOf(cause.getMessage()).contains("GET /api/secret-new-thing has no access rule"),
                e.toString());
    }
}
