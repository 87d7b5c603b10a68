package io.framewise.server.hls;

import io.framewise.server.access.Caller;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaService;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.RangeFileResponder;
import io.framewise.server.media.Rendition;
import io.framewise.server.media.RenditionKind;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Serves a media item's HLS ladder: {@code /api/media/{id}/hls/master.m3u8} and {@code
 * /api/media/{id}/hls/{rendition}/{file}}. Access is the item's MEDIA_VIEW (the route table guards
 * both). Names are matched against what the engine writes before any path is built, so no request can
 * name a file outside the ladder's folder; anything else is the same 404 as a missing file.
 */
public final class HlsRoutes {

    /** The engine names renditions by their height ("1080p", "720p", "360p", "240p" for small sources). */
    static final Pattern RENDITION = Pattern.compile("[0-9]{1,4}p");

    /** A rendition's media playlist, its fMP4 init segment and its numbered media segments. */
    static final Pattern FILE = Pattern.compile("index\\.m3u8|init\\.mp4|seg[0-9]{5}\\.m4s");

    static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    static final String SEGMENT_TYPE = "video/mp4";

    /** As the other streams: kept by the browser only and revalidated, since access is checked per request. */
    static final String CACHE = "private, no-cache";

    private final MediaService media;
    private final MediaFiles files;
    private final Function<Context, Caller> caller;
    private final RangeFileResponder responder = new RangeFileResponder();

    public HlsRoutes(MediaService media, MediaFiles files, Function<Context, Caller> caller) {
        this.media = media;
        this.files = files;
        this.caller = caller;
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/media/{id}/hls/master.m3u8",
                ctx -> serve(ctx, files.localize(ladder(ctx).resolve("master.m3u8"))));
        cfg.routes.get("/api/media/{id}/hls/{rendition}/{file}", this::renditionFile);
    }

    private void renditionFile(Context ctx) throws IOException {
        String rendition = ctx.pathParam("rendition");
        String file = ctx.pathParam("file");
        Path folder = ladder(ctx);
        if (!RENDITION.matcher(rendition).matches() || !FILE.matcher(file).matches()) {
            throw new ApiException.NotFound(
                    "No such HLS file: " + rendition + "/" + file, Map.of("rendition", rendition, "file", file));
        }
        serve(ctx, files.localize(folder.resolve(rendition).resolve(file)));
    }

    /** The folder of the item's finished ladder, or a 404 saying why there is none. */
    private Path ladder(Context ctx) {
        MediaItem item = media.get(caller.apply(ctx), ctx.pathParam("id"));
        Rendition hls = media.renditions(item.id()).stream()
                .filter(r -> r.kind() == RenditionKind.HLS && r.status() == MediaStatus.READY)
                .findFirst()
                .orElseThrow(() -> new ApiException.NotFound(
                        "Media " + item.id() + " has no HLS ladder"
                                + (item.status() == MediaStatus.READY
                                        ? " (it is short enough to play as one file,"
                                                + " or its ladder is still being made)"
                                        : " yet"),
                        Map.of("id", item.id(), "rendition", "hls")));
        return files.resolve(hls.path());
    }

    private void serve(Context ctx, Path file) throws IOException {
        ctx.header("Cache-Control", CACHE);
        String name = file.getFileName().toString();
        responder.respond(ctx, file, name.endsWith(".m3u8") ? PLAYLIST_TYPE : SEGMENT_TYPE);
    }
}
