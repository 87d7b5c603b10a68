package io.framewise.server.markers;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.clips.DownloadName;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code GET /api/media/{id}/markers?format=...&status=open|resolved|all&author=ID...&from=F&to=F}:
 * the media's notes as a marker file for an editing application, sent as an attachment named after
 * the media. The rules are {@link MarkerExportService}'s.
 */
public final class MarkerRoutes implements Feature {

    private final MarkerExportService exports;
    private final Access access;

    public MarkerRoutes(MarkerExportService exports, Access access) {
        this.exports = Objects.requireNonNull(exports, "exports");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/media/{id}/markers", this::export);
    }

    private void export(Context ctx) {
        MarkerQuery query = MarkerQuery.parse(
                ctx.queryParam("format"),
                ctx.queryParam("status"),
                ctx.queryParams("author"),
                ctx.queryParam("from"),
                ctx.queryParam("to"));
        MarkerExportService.Export export = exports.export(access.caller(ctx), ctx.pathParam("id"), query);
        ctx.header("Content-Disposition", DownloadName.header(export.fileName()));
        // Notes are access-controlled and change: kept by the browser only, and asked again each time.
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType(export.contentType());
        ctx.result(export.body());
    }
}
