package io.framewise.server.clips;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.http.Json;
import io.framewise.server.media.RangeFileResponder;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Objects;

/**
 * Clips and downloads over HTTP; the rules are {@link ClipService}'s and {@link Downloads}'.
 *
 * <ul>
 *   <li>{@code POST /api/media/{id}/clips} {@code {"in","out","mode","templateId"?,"title"?,
 *       "asVersionOf"?,"copyNotes"?}} -> 202 {@code {"id","assetId","jobId"}}.
 *   <li>{@code GET /api/media/{id}/download} -> the original as an attachment, with byte ranges.
 * </ul>
 */
public final class ClipRoutes implements Feature {

    /** Downloads are access-controlled: kept by the browser only, and checked with the server before reuse. */
    static final String CACHE = "private, no-cache";

    private final ClipService clips;
    private final Downloads downloads;
    private final Access access;
    private final ClipInput input = new ClipInput(Json.newMapper());
    private final RangeFileResponder responder = new RangeFileResponder();

    public ClipRoutes(ClipService clips, Downloads downloads, Access access) {
        this.clips = Objects.requireNonNull(clips, "clips");
        this.downloads = Objects.requireNonNull(downloads, "downloads");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.post("/api/media/{id}/clips", this::create);
        cfg.routes.get("/api/media/{id}/download", this::download);
    }

    private void create(Context ctx) throws JsonProcessingException {
        ClipDraft draft = input.read(ctx.body());
        ctx.status(202).json(clips.create(access.caller(ctx), ctx.pathParam("id"), draft));
    }

    private void download(Context ctx) throws IOException {
        String what = ctx.queryParam("rendition");
        Downloads.Download d = downloads.of(access.caller(ctx), ctx.pathParam("id"), what == null ? "original" : what);
        ctx.header("Content-Disposition", DownloadName.header(d.name()));
        ctx.header("Cache-Control", CACHE);
        responder.respond(ctx, d.file());
    }
}
