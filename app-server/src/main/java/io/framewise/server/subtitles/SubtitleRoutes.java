package io.framewise.server.subtitles;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.crypto.SealedMedia;
import io.framewise.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Subtitle tracks over HTTP (openapi.json, tag subtitles); the rules are {@link SubtitleService}'s.
 *
 * <ul>
 *   <li>{@code GET /api/media/{id}/subtitles} -> {@code [{id, language, label, source, default, ...}]}
 *   <li>{@code POST /api/media/{id}/subtitles?language=&label=&default=} with the SRT, WebVTT or ASS
 *       file as the raw body or a multipart field {@code file} -> 201 the track
 *   <li>{@code GET /api/media/{id}/subtitles/{sid}.vtt} -> the track as WebVTT
 *   <li>{@code GET /api/media/{id}/subtitles/{sid}/cues?q=} -> {@code [{index, startFrame, endFrame, text}]}
 *   <li>{@code GET /api/media/{id}/subtitles/search?q=} -> cues of every track, with their track
 *   <li>{@code DELETE /api/media/{id}/subtitles/{sid}} -> 204 (sidecars only)
 * </ul>
 */
final class SubtitleRoutes implements Feature {

    private final SubtitleService subtitles;
    private final Access access;

    SubtitleRoutes(SubtitleService subtitles, Access access) {
        this.subtitles = subtitles;
        this.access = access;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/media/{id}/subtitles", this::list);
        cfg.routes.post("/api/media/{id}/subtitles", this::upload);
        cfg.routes.get("/api/media/{id}/subtitles/search", this::search);
        cfg.routes.get("/api/media/{id}/subtitles/{sid}.vtt", this::vtt);
        cfg.routes.get("/api/media/{id}/subtitles/{sid}/cues", this::cues);
        cfg.routes.delete("/api/media/{id}/subtitles/{sid}", this::delete);
    }

    private void list(Context ctx) {
        String mediaId = ctx.pathParam("id");
        ctx.json(subtitles.list(access.caller(ctx), mediaId).stream()
                .map(SubtitleRoutes::view)
                .toList());
    }

    private void upload(Context ctx) throws IOException {
        String type = ctx.contentType();
        InputStream body;
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) {
                throw new ApiException.BadRequest("send the subtitle file in a multipart field named 'file'");
            }
            body = file.content();
        } else {
            body = ctx.bodyInputStream();
        }
        try (InputStream in = body) {
            SubtitleTrack track = subtitles.upload(
                    access.caller(ctx),
                    ctx.pathParam("id"),
                    ctx.queryParam("language"),
                    ctx.queryParam("label"),
                    ctx.queryParam("default"),
                    in);
            ctx.status(201).json(view(track));
        }
    }

    private void vtt(Context ctx) throws IOException {
        byte[] data =
                SealedMedia.readAllBytes(subtitles.vtt(access.caller(ctx), ctx.pathParam("id"), ctx.pathParam("sid")));
        ctx.header("Cache-Control", "private, no-cache");
        ctx.contentType("text/vtt; charset=utf-8").result(data);
    }

    private void cues(Context ctx) {
        ctx.json(
                subtitles
                        .cues(access.caller(ctx), ctx.pathParam("id"), ctx.pathParam("sid"), ctx.queryParam("q"))
                        .stream()
                        .map(c -> cue(c, false))
                        .toList());
    }

    private void search(Context ctx) {
        ctx.json(subtitles.search(access.caller(ctx), ctx.pathParam("id"), ctx.queryParam("q")).stream()
                .map(c -> cue(c, true))
                .toList());
    }

    private void delete(Context ctx) {
        subtitles.delete(access.caller(ctx), ctx.pathParam("id"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    static Map<String, Object> view(SubtitleTrack t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("language", t.language());
        m.put("label", t.label());
        m.put("source", t.source().wire());
        m.put("default", t.defaultTrack());
        m.put("codec", t.codec());
        m.put("text", t.text());
        m.put("cueCount", t.cueCount());
        m.put("streamIndex", t.streamIndex());
        m.put("vtt", t.text() ? "/api/media/" + t.mediaId() + "/subtitles/" + t.id() + ".vtt" : null);
        return m;
    }

    private static Map<String, Object> cue(SubtitleService.PlacedCue c, boolean withTrack) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withTrack) {
            m.put("trackId", c.trackId());
        }
        m.put("index", c.index());
        m.put("startFrame", c.startFrame());
        m.put("endFrame", c.endFrame());
        m.put("text", c.text());
        return m;
    }
}
