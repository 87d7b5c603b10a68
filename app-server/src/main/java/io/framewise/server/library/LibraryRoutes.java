package io.framewise.server.library;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.http.Bodies;
import io.framewise.server.library.LibraryService.AssetDetails;
import io.framewise.server.library.LibraryService.VersionDetails;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Projects, assets, versions and approvals over HTTP: each handler parses the request, asks the
 * {@link LibraryService} and writes its answer in the published shape.
 */
public final class LibraryRoutes implements Feature {

    private final LibraryService library;
    private final Access access;

    public LibraryRoutes(LibraryService library, Access access) {
        this.library = Objects.requireNonNull(library, "library");
        this.access = Objects.requireNonNull(access, "access");
    }

    record NewProject(String name) {}

    record NewAsset(String projectId, String folderId, String title, String mediaId) {}

    record NewVersion(String mediaId) {}

    record NewApproval(String status) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/projects",
                ctx -> ctx.json(library.projects(access.caller(ctx)).stream()
                        .map(LibraryRoutes::projectView)
                        .toList()));
        cfg.routes.post("/api/projects", ctx -> {
            NewProject req = Bodies.read(ctx, NewProject.class);
            ctx.status(201).json(projectView(library.createProject(access.caller(ctx), req.name())));
        });
        cfg.routes.get(
                "/api/projects/{id}/assets",
                ctx -> ctx.json(
                        library.assets(access.caller(ctx), ctx.pathParam("id"), ctx.queryParam("folder")).stream()
                                .map(LibraryRoutes::assetView)
                                .toList()));
        cfg.routes.post("/api/assets", ctx -> {
            NewAsset req = Bodies.read(ctx, NewAsset.class);
            AssetDetails asset = library.createAsset(
                    access.caller(ctx),
                    new LibraryService.NewAsset(req.projectId(), req.folderId(), req.title(), req.mediaId()));
            ctx.status(201).json(assetView(asset));
        });
        cfg.routes.get(
                "/api/assets/{id}", ctx -> ctx.json(assetView(library.asset(access.caller(ctx), ctx.pathParam("id")))));
        cfg.routes.post("/api/assets/{id}/versions", ctx -> {
            NewVersion req = Bodies.read(ctx, NewVersion.class);
            ctx.status(201)
                    .json(versionView(library.addVersion(access.caller(ctx), ctx.pathParam("id"), req.mediaId())));
        });
        cfg.routes.put("/api/assets/{id}/versions/{number}/approval", this::approve);
    }

    private void approve(Context ctx) {
        String assetId = ctx.pathParam("id");
        int number = ctx.pathParamAsClass("number", Integer.class).get();
        // An unknown version answers 404 before the body is looked at.
        library.version(access.caller(ctx), assetId, number);
        NewApproval req = Bodies.read(ctx, NewApproval.class);
        ctx.json(versionView(library.approve(access.caller(ctx), assetId, number, req.status())));
    }

    private static Map<String, Object> projectView(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("createdAt", p.created().toString());
        return m;
    }

    /** An asset as the API shows it (also to share-link guests, with the versions their link shows). */
    public static Map<String, Object> assetView(AssetDetails details) {
        Asset asset = details.asset();
        List<Map<String, Object>> versions =
                details.versions().stream().map(LibraryRoutes::versionView).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", asset.id());
        m.put("projectId", asset.projectId());
        m.put("folderId", asset.folderId());
        m.put("title", asset.title());
        m.put("createdAt", asset.created().toString());
        m.put("versionCount", versions.size());
        m.put("versions", versions);
        return m;
    }

    private static Map<String, Object> versionView(VersionDetails details) {
        AssetVersion v = details.version();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("number", v.number());
        m.put("mediaId", v.mediaId());
        m.put("createdAt", v.created().toString());
        Map<String, Object> approval = new LinkedHashMap<>();
        details.approval()
                .ifPresentOrElse(
                        a -> {
                            approval.put("status", a.status().wire());
                            approval.put("by", a.decidedBy());
                            approval.put("at", a.decidedAt().toString());
                        },
                        () -> {
                            approval.put("status", ApprovalStatus.NEEDS_REVIEW.wire());
                            approval.put("by", null);
                            approval.put("at", null);
                        });
        m.put("approval", approval);
        return m;
    }
}
