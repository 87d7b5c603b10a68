package io.framewise.server.ops;

import io.framewise.server.Feature;
import io.framewise.server.db.Database;
import io.framewise.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code GET /api/health/ready}: whether this node can serve requests now. {@code /api/health} only
 * says the process is alive; a load balancer takes a node out of the rotation when this answers 503
 * (the database does not answer, or the data folder cannot be written). Needs no sign-in and names
 * nothing but which check failed: no paths, hosts or error texts.
 */
public final class ReadinessFeature implements Feature {

    /** The readiness answer. */
    public record Ready(String status, boolean database, boolean dataFolder) {}

    private final Database db;
    private final Path dataDir;

    public ReadinessFeature(Database db, Path dataDir) {
        this.db = db;
        this.dataDir = dataDir;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        boolean database = db.answers();
        boolean folder = writable(dataDir);
        ctx.header("Cache-Control", "no-store");
        if (!database || !folder) {
            throw new ApiException.Unavailable(
                    "This node is not ready: " + (!database ? "the database does not answer" : "")
                            + (!database && !folder ? " and " : "")
                            + (!folder ? "the data folder cannot be written" : ""),
                    Map.of("database", database, "dataFolder", folder),
                    5);
        }
        ctx.json(new Ready("ready", true, true));
    }

    /** Writes and removes a small file: the cheapest honest proof that uploads and renditions can land. */
    private static boolean writable(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".ready-", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
