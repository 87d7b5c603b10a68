package io.framewise.server.media;

import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.StillFormat;
import io.framewise.server.access.Access;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Resource;
import io.framewise.server.db.Paging;
import io.framewise.server.http.ApiException;
import io.framewise.server.storage.StoredObject;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read side of the library over HTTP: listing, item details, the original and proxy streams
 * (byte ranges through {@link RangeFileResponder}), frame-exact stills, thumbnails and the frame map
 * summary, and removal. The handlers parse the request, ask {@link MediaService} and map its answer;
 * uploads live in {@code ingest.MediaFeature}, which owns the processing they start.
 */
public final class MediaRoutes {

    /**
     * Stills never change for a given frame, width and format, so a browser keeps them; {@code
     * private} because they are access-controlled: no shared cache (a proxy, a CDN) may keep one and
     * hand it to someone else. A day, so that a browser left signed in does not hold them for a year.
     */
    static final String IMMUTABLE = "private, max-age=86400, immutable";

    /**
     * Streams, posters, sprites and waveforms: kept by the browser only, checked with the server
     * (ETag, Last-Modified) before each reuse, since processing again rewrites them.
     */
    static final String REVALIDATE = "private, no-cache";

    /** Response header: the width of the still served, after clamping to the source's shown width. */
    static final String STILL_WIDTH_HEADER = "X-Still-Width";

    /** Response header: where the still's picture comes from, {@code exact} or {@code seek}. */
    static final String FRAME_SOURCE_HEADER = "X-Frame-Source";

    /** Response header: the frame index the picture shows, so a client can match it to its request. */
    static final String FRAME_INDEX_HEADER = "X-Frame-Index";

    static final int MAX_STILL_WIDTH = 7680;
    static final int DEFAULT_LIMIT = 50;

    private final MediaService media;
    private final MediaFiles files;
    private final FrameStills stills;
    private final RangeFileResponder responder = new RangeFileResponder();

    private final Function<Context, Caller> caller;
    private final ClipOrigin.Lookup clips;

    /**
     * @param caller who sends a request; lists show only the items they may see (single items are
     *     guarded by the access filter before a handler runs)
     */
    public MediaRoutes(MediaService media, MediaFiles files, FrameStills stills, Function<Context, Caller> caller) {
        this(media, files, stills, caller, ClipOrigin.Lookup.NONE);
    }

    /** @param clips tells where a clip was cut from, for {@code clipOf} */
    public MediaRoutes(
            MediaService media,
            MediaFiles files,
            FrameStills stills,
            Function<Context, Caller> caller,
            ClipOrigin.Lookup clips) {
        this.caller = caller;
        this.clips = clips;
        this.media = media;
        this.files = files;
        this.stills = stills;
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/media", this::list);
        cfg.routes.get("/api/media/{id}", ctx -> {
            MediaItem item = item(ctx);
            ctx.json(MediaView.of(item, media.renditions(item.id()), clips.of(item.id())));
        });
        cfg.routes.get("/api/media/{id}/stream", this::stream);
        cfg.routes.head("/api/media/{id}/stream", this::stream);
        cfg.routes.get("/api/media/{id}/frames/{n}", this::frame);
        cfg.routes.get("/api/media/{id}/poster", ctx -> rendition(ctx, RenditionKind.POSTER, "image/jpeg"));
        cfg.routes.get("/api/media/{id}/sprites", ctx -> rendition(ctx, RenditionKind.SPRITES, "image/jpeg"));
        cfg.routes.get(
                "/api/media/{id}/sprites.json", ctx -> sideFile(ctx, RenditionKind.SPRITES, MediaFiles.SPRITES_INDEX));
        cfg.routes.get(
                "/api/media/{id}/waveform.json", ctx -> rendition(ctx, RenditionKind.WAVEFORM, "application/json"));
        cfg.routes.get("/api/media/{id}/framemap", this::frameMap);
        cfg.routes.delete("/api/media/{id}", ctx -> {
            media.remove(caller.apply(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    /** The item named by the path, or the one 404 for unknown and malformed ids alike. */
    MediaItem item(Context ctx) {
        String id = ctx.pathParam("id");
        // Every route here is guarded by MEDIA_VIEW on this id: when the access filter has just
        // allowed exactly that, asking the authorizer again would only repeat its lookups.
        if (Access.allowedByRoute(ctx, Action.MEDIA_VIEW, new Resource.Media(id))) {
            return media.getAllowed(id);
        }
        return media.get(caller.apply(ctx), id);
    }

    /**
     * {@code ?limit=1..1000&after=CURSOR}, oldest first; the answer's {@code next} is the cursor of the
     * following page (opaque to clients), {@code null} on the last page.
     */
    private void list(Context ctx) {
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, Paging.MAX_LIMIT);
        MediaService.Page page = media.list(caller.apply(ctx), limit, ctx.queryParam("after"));
        // The page's renditions and clip origins in one query each, not one per item.
        Map<String, List<Rendition>> renditions = media.renditions(page.items());
        Map<String, ClipOrigin> origins =
                clips.of(page.items().stream().map(MediaItem::id).toList());
        List<Map<String, Object>> items = new ArrayList<>();
        for (MediaItem item : page.items()) {
            items.add(MediaView.of(
                    item, renditions.getOrDefault(item.id(), List.of()), Optional.ofNullable(origins.get(item.id()))));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next", page.next());
        out.put("total", page.total());
        ctx.json(out);
    }

    /** {@code ?rendition=original|proxy}; without it, what a browser should play: the proxy when there is one. */
    private void stream(Context ctx) throws IOException {
        String asked = ctx.queryParam("rendition");
        String id = ctx.pathParam("id");
        if ("original".equals(asked) && Access.allowedByRoute(ctx, Action.MEDIA_VIEW, new Resource.Media(id))) {
            // A player's every Range request: the one access decision was the filter's, and where
            // the original lies never changes, so no row of the item is read here.
            ctx.header("Cache-Control", REVALIDATE);
            play(ctx, media.originalPathAllowed(id), null);
            return;
        }
        MediaItem item = item(ctx);
        // The renditions only when the answer depends on them: not for the original (a player's
        // every Range request).
        Optional<Rendition> proxy = "original".equals(asked)
                ? Optional.empty()
                : media.renditions(item.id()).stream()
                        .filter(r -> r.kind() == RenditionKind.PROXY && r.status() == MediaStatus.READY)
                        .findFirst();
        String which = asked == null || asked.isEmpty() ? (proxy.isPresent() ? "proxy" : "original") : asked;
        switch (which) {
            case "original" -> {
                ctx.header("Cache-Control", REVALIDATE);
                play(ctx, item.storedPath(), null);
            }
            case "proxy" -> {
                if (proxy.isEmpty()) {
                    String why = item.status() == MediaStatus.PROCESSING
                            ? "its proxy is not made yet (still processing)"
                            : "it has no proxy (the original plays in browsers)";
                    throw new ApiException.NotFound(
                            "Media " + item.id() + " cannot be streamed as proxy: " + why,
                            Map.of("id", item.id(), "rendition", "proxy"));
                }
                ctx.header("Cache-Control", REVALIDATE);
                play(ctx, proxy.get().path(), "video/mp4");
            }
            default -> throw new ApiException.BadRequest(
                    "rendition must be original or proxy, got '" + which + "'", Map.of("rendition", which), null);
        }
    }

    /**
     * {@code /frames/{n}?width=&format=png|jpg|webp&source=exact|seek}: the frame-exact still, cached
     * on disk. A width beyond the source's shown width is served at the shown width (pictures are
     * never enlarged, and all such widths share one cache file); {@value #STILL_WIDTH_HEADER} says
     * which width was served. {@code source=seek} answers frame n of the item's seek proxy instead: a
     * small picture of the same frame, made in milliseconds, for a player to show while the exact
     * still comes (ADR 0051). {@value #FRAME_SOURCE_HEADER} and {@value #FRAME_INDEX_HEADER} say which.
     * {@code prefetch=play} answers 204 at once: a hint that the viewer plays at frame n, so the
     * server decodes ahead of it (ADR 0054).
     */
    private void frame(Context ctx) throws IOException {
        MediaItem item = item(ctx);
        String rawN = ctx.pathParam("n");
        long n;
        try {
            n = Long.parseLong(rawN);
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest(
                    "Frame index must be a whole number, got '" + rawN + "'", Map.of("n", rawN), null);
        }
        int width = intParam(ctx, "width", 0, 16, MAX_STILL_WIDTH);
        StillFormat format = format(ctx.queryParam("format"));
        boolean seek = seekSource(ctx.queryParam("source"));
        boolean play = playHint(ctx.queryParam("prefetch"));
        if (item.status() != MediaStatus.READY || item.frameMapPath() == null) {
            if (item.status() == MediaStatus.READY) {
                throw new ApiException.Conflict(
                        "Media " + item.id() + " has no video frames",
                        Map.of("status", item.status().wire()));
            }
            throw new ApiException.Conflict(
                    "Media " + item.id() + " is " + item.status().wire() + ", not ready: no frames yet",
                    Map.of("status", item.status().wire()));
        }
        long count = item.probe() == null ? 0 : item.probe().frameCount();
        if (n < 0 || n >= count) {
            throw new ApiException.Invalid(
                    "Frame " + n + " is outside the media's frames 0.." + (count - 1),
                    Map.of("n", n, "frameCount", count));
        }
        if (play) {
            // The viewer plays at frame n: decode ahead of it so the still asked on pause is ready.
            stills.playing(item, (int) n);
            ctx.status(204);
            return;
        }
        if (seek) {
            seekFrame(ctx, item, (int) n, width, format);
            return;
        }
        int shownWidth = item.probe() == null ? 0 : item.probe().width();
        int served = servedWidth(width, shownWidth);
        try (StillsCache.Pin still = stills.still(item, (int) n, served, format)) {
            ctx.header("Cache-Control", IMMUTABLE);
            ctx.header(FRAME_SOURCE_HEADER, "exact");
            ctx.header(FRAME_INDEX_HEADER, Long.toString(n));
            if (served > 0 || shownWidth > 0) {
                ctx.header(STILL_WIDTH_HEADER, Integer.toString(served > 0 ? served : shownWidth));
            }
            responder.respond(ctx, still.file(), format.mimeType());
        }
        stills.viewed(item, (int) n, served, format);
    }

    /** {@code prefetch}: absent for a still, {@code play} for the hint that a viewer plays at frame n. */
    private static boolean playHint(String raw) {
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        if (raw.equals("play")) {
            return true;
        }
        throw new ApiException.BadRequest("prefetch must be play, got '" + raw + "'", Map.of("prefetch", raw), null);
    }

    /** Frame {@code n} of the item's seek proxy, or a 404 naming why there is none. */
    private void seekFrame(Context ctx, MediaItem item, int n, int width, StillFormat format) throws IOException {
        boolean ready = media.renditions(item.id()).stream()
                .anyMatch(r -> r.kind() == RenditionKind.SEEK_PROXY && r.status() == MediaStatus.READY);
        if (!ready) {
            throw new ApiException.NotFound(
                    "Media " + item.id() + " has no seek proxy yet (ask for the exact still)",
                    Map.of("id", item.id(), "rendition", RenditionKind.SEEK_PROXY.wire()));
        }
        FrameStills.SeekStill still = stills.seekStill(item, n, width, format);
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.header(FRAME_SOURCE_HEADER, "seek");
        ctx.header(FRAME_INDEX_HEADER, Integer.toString(n));
        ctx.header(STILL_WIDTH_HEADER, Integer.toString(still.width()));
        ctx.contentType(format.mimeType());
        ctx.result(still.bytes());
    }

    /** {@code source}: absent or {@code exact} for the frame-exact still, {@code seek} for the seek proxy's. */
    private static boolean seekSource(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("exact")) {
            return false;
        }
        if (raw.equals("seek")) {
            return true;
        }
        throw new ApiException.BadRequest(
                "source must be exact or seek, got '" + raw + "'", Map.of("source", raw), null);
    }

    /**
     * The width to make: 0 (the full shown size) for no width or one at or past the shown width,
     * which the probe knows; otherwise the width asked.
     */
    static int servedWidth(int asked, int shownWidth) {
        return asked == 0 || (shownWidth > 0 && asked >= shownWidth) ? 0 : asked;
    }

    private static StillFormat format(String raw) {
        if (raw == null || raw.isEmpty()) {
            return StillFormat.PNG;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "png" -> StillFormat.PNG;
            case "jpg", "jpeg" -> StillFormat.JPEG;
            case "webp" -> StillFormat.WEBP;
            default -> throw new ApiException.BadRequest(
                    "format must be png, jpg or webp, got '" + raw + "'", Map.of("format", raw), null);
        };
    }

    /**
     * Serves an original or proxy: from this node's copy, or when it has none and the store is S3,
     * straight from the store (ADR 0060); a null {@code contentType} is guessed from the name.
     */
    private void play(Context ctx, String stored, String contentType) throws IOException {
        Path file = files.path(stored);
        String type = contentType != null ? contentType : ContentTypes.of(file);
        // A sealed library's objects are sealed too (ADR 0061): streaming or redirecting to them would
        // hand out cipher text, so such a node fetches its copy and decrypts the range itself.
        Optional<StoredObject> remote = io.framewise.server.crypto.SealedMedia.on(file)
                ? Optional.empty()
                : files.store().remote(file);
        if (remote.isPresent()) {
            StoredRangeResponder.respond(ctx, files.store(), remote.get(), type);
        } else {
            responder.respond(ctx, files.localize(file), type);
        }
    }

    private void rendition(Context ctx, RenditionKind kind, String contentType) throws IOException {
        MediaItem item = item(ctx);
        Rendition r = media.renditions(item.id()).stream()
                .filter(x -> x.kind() == kind && x.status() == MediaStatus.READY)
                .findFirst()
                .orElseThrow(() -> new ApiException.NotFound(
                        "Media " + item.id() + " has no " + kind.wire()
                                + (item.status() == MediaStatus.PROCESSING ? " yet" : ""),
                        Map.of("id", item.id(), "rendition", kind.wire())));
        ctx.header("Cache-Control", REVALIDATE);
        responder.respond(ctx, files.resolve(r.path()), contentType);
    }

    private void sideFile(Context ctx, RenditionKind kind, String name) throws IOException {
        MediaItem item = item(ctx);
        boolean present =
                media.renditions(item.id()).stream().anyMatch(x -> x.kind() == kind && x.status() == MediaStatus.READY);
        Path file = present ? files.local(item.id(), name) : files.file(item.id(), name);
        if (!present || !Files.isRegularFile(file)) {
            throw new ApiException.NotFound(
                    "Media " + item.id() + " has no " + name, Map.of("id", item.id(), "rendition", kind.wire()));
        }
        ctx.header("Cache-Control", REVALIDATE);
        responder.respond(ctx, file, "application/json");
    }

    /** The frame map in brief: count, rate, time base, keyframe indices and whether the rate varies. */
    private void frameMap(Context ctx) throws IOException {
        MediaItem item = item(ctx);
        if (item.frameMapPath() == null) {
            throw new ApiException.NotFound(
                    "Media " + item.id() + " has no frame map"
                            + (item.status() == MediaStatus.PROCESSING ? " yet" : ""),
                    Map.of("id", item.id(), "status", item.status().wire()));
        }
        FrameMap map = FrameMap.fromBytes(
                io.framewise.server.crypto.SealedMedia.readAllBytes(files.resolve(item.frameMapPath())));
        long[] keyframes = new long[Math.toIntExact(map.keyframeCount())];
        int k = 0;
        for (long i = 0; i < map.frameCount() && k < keyframes.length; i++) {
            if (map.isKeyframe(i)) {
                keyframes[k++] = i;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frameCount", map.frameCount());
        out.put("frameRate", map.frameRate().toString());
        out.put("timeBase", map.timeBaseNum() + "/" + map.timeBaseDen());
        out.put("durationSeconds", map.durationSeconds());
        out.put("vfr", map.isVariableFrameRate());
        out.put("keyframes", keyframes);
        ctx.json(out);
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest(
                    name + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'",
                    Map.of(name, raw),
                    null);
        }
    }
}
