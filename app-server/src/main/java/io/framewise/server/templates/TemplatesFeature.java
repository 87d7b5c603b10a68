package io.framewise.server.templates;

import io.framewise.media.clip.template.TemplateContext;
import io.framewise.media.clip.template.TemplateException;
import io.framewise.media.clip.template.TemplatePreview;
import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRange;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.notes.Note;
import io.framewise.server.notes.NoteRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Templates over HTTP: CRUD, file uploads and frame-exact previews (see openapi.json, tag templates). */
public final class TemplatesFeature implements Feature {

    private final TemplateService templates;
    private final TemplateFiles files;
    private final MediaRepository media;
    private final NoteRepository notes;
    private final MediaFiles mediaFiles;
    private final Access access;

    public TemplatesFeature(
            TemplateService templates,
            TemplateFiles files,
            MediaRepository media,
            NoteRepository notes,
            MediaFiles mediaFiles,
            Access access) {
        this.templates = templates;
        this.files = files;
        this.media = media;
        this.notes = notes;
        this.mediaFiles = mediaFiles;
        this.access = access;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/templates",
                ctx -> ctx.json(Map.of(
                        "items",
                        templates.list(access.caller(ctx), Optional.ofNullable(ctx.queryParam("projectId"))))));
        cfg.routes.post(
                "/api/templates", ctx -> ctx.status(201).json(templates.create(access.caller(ctx), ctx.body())));
        cfg.routes.post("/api/templates/files", this::upload);
        cfg.routes.post(
                "/api/templates/preview", ctx -> preview(ctx, templates.unsaved(access.caller(ctx), ctx.body())));
        cfg.routes.get("/api/templates/{id}", ctx -> ctx.json(templates.get(access.caller(ctx), ctx.pathParam("id"))));
        cfg.routes.put(
                "/api/templates/{id}",
                ctx -> ctx.json(templates.update(access.caller(ctx), ctx.pathParam("id"), ctx.body())));
        cfg.routes.delete("/api/templates/{id}", ctx -> {
            templates.delete(access.caller(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
        cfg.routes.get(
                "/api/templates/{id}/preview",
                ctx -> preview(ctx, templates.resolve(access.caller(ctx), ctx.pathParam("id"))));
    }

    private void upload(Context ctx) throws IOException {
        Caller caller = access.caller(ctx);
        String type = ctx.contentType();
        TemplateFile stored;
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) {
                throw new ApiException.BadRequest("send the file in a multipart field named 'file'");
            }
            try (InputStream in = file.content()) {
                stored = files.store(file.filename(), in, caller.person().userId());
            }
        } else {
            try (InputStream in = ctx.bodyInputStream()) {
                stored = files.store(
                        ctx.queryParam("filename"), in, caller.person().userId());
            }
        }
        ctx.status(201)
                .json(Map.of(
                        "id",
                        stored.id(),
                        "kind",
                        stored.kind(),
                        "name",
                        stored.name(),
                        "sizeBytes",
                        stored.sizeBytes()));
    }

    private void preview(Context ctx, ResolvedTemplate template) {
        Caller caller = access.caller(ctx);
        String mediaId = ctx.queryParam("mediaId");
        if (mediaId == null || mediaId.isBlank()) {
            throw new ApiException.BadRequest("name the media: ?mediaId=");
        }
        access.permissions().require(caller, Action.MEDIA_VIEW, new Resource.Media(mediaId));
        MediaItem item = media.get(mediaId).orElseThrow(() -> new ApiException.NotFound("no such media: " + mediaId));
        if (item.status() != MediaStatus.READY || item.frameMapPath() == null) {
            throw new ApiException.Conflict(
                    "the media is not ready yet", Map.of("status", item.status().name()));
        }
        long frame = longParam(ctx, "frame", 0);
        // Checked before the cast to int, which would let 2^32 + 640 pass for 640.
        long width = longParam(ctx, "width", 640);
        if (width < 16 || width > 3840) {
            throw new ApiException.BadRequest("width must be 16..3840");
        }
        boolean slate = "true".equals(ctx.queryParam("slate"));
        byte[] jpeg;
        try {
            FrameMap map = FrameMap.fromBytes(
                    io.framewise.server.crypto.SealedMedia.readAllBytes(mediaFiles.resolve(item.frameMapPath())));
            if (frame < 0 || frame >= map.frameCount()) {
                throw new ApiException.BadRequest("frame must be 0.." + (map.frameCount() - 1));
            }
            TemplateContext context =
                    TemplateContext.of(title(item.originalName())).withFiles(template.files());
            if (template.template().burnsDrawings()) {
                context = context.withDrawings(drawingsOn(item.id(), frame));
            }
            jpeg = TemplatePreview.still(
                    mediaFiles.resolve(item.storedPath()),
                    map,
                    frame,
                    template.template(),
                    context,
                    (int) width,
                    slate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new ApiException.BadRequest(e.getMessage(), Map.of("field", e.path()), e);
        }
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType("image/jpeg").result(jpeg);
    }

    /**
     * The drawings of the media's notes shown on {@code frame}, so the preview burns in what a clip
     * over that frame would. Anyone who may view the media may read its notes.
     */
    private List<TemplateContext.Drawing> drawingsOn(String mediaId, long frame) {
        return notes.listByMedia(mediaId).stream()
                .filter(n -> n.drawing() != null && frames(n).contains(frame))
                .map(n -> new TemplateContext.Drawing(frames(n), n.drawing().json()))
                .toList();
    }

    private static FrameRange frames(Note n) {
        return FrameRange.of(n.frame(), n.frameOut() == null ? n.frame() + 1 : n.frameOut());
    }

    private static String title(String originalName) {
        int dot = originalName.lastIndexOf('.');
        return dot > 0 ? originalName.substring(0, dot) : originalName;
    }

    private static long longParam(Context ctx, String name, long fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest(name + " must be an integer");
        }
    }
}
