package io.framewise.server.library;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Action;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.media.MediaRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Projects, assets and their version stacks, and the approval of each version.
 *
 * <p>An upload makes a media item; an asset groups media items as versions 1, 2, 3... Clients create
 * the asset for a first upload ({@code POST /api/assets} with its media id) and add later uploads as
 * versions. Assets without a project go into the default project "Library", made on first use, so a
 * single user never has to think about projects.
 *
 * <p>A media item is a version of one asset only (ADR 0024): filing needs rights over where it is
 * now and over where it goes, and media already filed answers 409.
 */
public final class LibraryFeature implements Feature {

    static final String DEFAULT_PROJECT = "Library";

    private final ProjectRepository projects;
    private final AssetRepository assets;
    private final MediaRepository media;
    private final Access access;
    private final ApprovalListener approvals;

    /** Hears every approval decision after it is stored (organizer plugins do). */
    @FunctionalInterface
    public interface ApprovalListener {
        /** @param status the wire form, e.g. {@code approved} */
        void approvalChanged(String assetId, int versionNumber, String status, Principal decidedBy);
    }

    public LibraryFeature(ProjectRepository projects, AssetRepository assets, MediaRepository media, Access access) {
        this(projects, assets, media, access, (asset, number, status, by) -> {});
    }

    public LibraryFeature(
            ProjectRepository projects,
            AssetRepository assets,
            MediaRepository media,
            Access access,
            ApprovalListener approvals) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.media = Objects.requireNonNull(media, "media");
        this.access = Objects.requireNonNull(access, "access");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
    }

    record NewProject(String name) {}

    record NewAsset(String projectId, String folderId, String title, String mediaId) {}

    record NewVersion(String mediaId) {}

    record NewApproval(String status) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/projects",
                ctx -> ctx.json(projects.list().stream()
                        .filter(p -> visible(ctx, Action.PROJECT_VIEW, new Resource.Project(p.id())))
                        .map(LibraryFeature::projectView)
                        .toList()));
        cfg.routes.post("/api/projects", this::createProject);
        cfg.routes.get("/api/projects/{id}/assets", this::listAssets);
        cfg.routes.post("/api/assets", this::createAsset);
        cfg.routes.get("/api/assets/{id}", ctx -> ctx.json(view(requireAsset(ctx.pathParam("id")))));
        cfg.routes.post("/api/assets/{id}/versions", this::addVersion);
        cfg.routes.put("/api/assets/{id}/versions/{number}/approval", this::approve);
    }

    private void createProject(Context ctx) {
        NewProject req = Bodies.read(ctx, NewProject.class);
        String name = req.name() == null ? "" : req.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new ApiException.Invalid("name must be 1 to 200 characters", Map.of("field", "name"));
        }
        Project project = projects.create(name, Access.person(ctx).userId());
        access.record(
                ctx, "project.created", new Resource.Project(project.id()), AuditOutcome.SUCCESS, Map.of("name", name));
        ctx.status(201).json(projectView(project));
    }

    private void listAssets(Context ctx) {
        Project project = projects.get(ctx.pathParam("id"))
                .orElseThrow(() -> new ApiException.NotFound("no such project: " + ctx.pathParam("id")));
        ctx.json(assets.list(project.id(), ctx.queryParam("folder")).stream()
                .filter(a -> visible(ctx, Action.ASSET_VIEW, new Resource.Asset(a.id())))
                .map(this::view)
                .toList());
    }

    /**
     * Files a media item as version 1 of a new asset. The caller needs rights over where the media is
     * now (its uploader while unfiled, an editor of its project once filed) and over where it goes
     * (an editor of the project); a media item is a version of one asset only (409 otherwise).
     */
    private void createAsset(Context ctx) {
        NewAsset req = Bodies.read(ctx, NewAsset.class);
        String title = req.title() == null ? "" : req.title().strip();
        if (title.isEmpty() || title.length() > 300) {
            throw new ApiException.Invalid("title must be 1 to 300 characters", Map.of("field", "title"));
        }
        String mediaId = fileableMedia(ctx, req.mediaId());
        String projectId;
        if (req.projectId() != null) {
            access.requireReferenced(ctx, Action.ASSET_CREATE, new Resource.Project(req.projectId()), "projectId");
            projectId = requireProject(req.projectId());
        } else {
            projectId = defaultProject(ctx);
        }
        if (req.folderId() != null) {
            projects.getFolder(req.folderId())
                    .filter(f -> f.projectId().equals(projectId))
                    .orElseThrow(() -> new ApiException.Invalid(
                            "no such folder in the project: " + req.folderId(), Map.of("field", "folderId")));
        }
        Asset asset;
        try {
            asset = assets.createWithFirstVersion(
                    projectId, req.folderId(), title, Access.person(ctx).userId(), mediaId);
        } catch (MediaAlreadyFiledException e) {
            throw alreadyFiled(e, null);
        }
        access.record(
                ctx,
                "asset.created",
                new Resource.Asset(asset.id()),
                AuditOutcome.SUCCESS,
                Map.of("title", title, "projectId", projectId, "mediaId", mediaId));
        ctx.status(201).json(view(asset));
    }

    /** Files a media item as the next version; the route rule already asked for VERSION_ADD on the asset. */
    private void addVersion(Context ctx) {
        Asset asset = requireAsset(ctx.pathParam("id"));
        NewVersion req = Bodies.read(ctx, NewVersion.class);
        String mediaId = fileableMedia(ctx, req.mediaId());
        AssetVersion version;
        try {
            version = assets.addVersion(asset.id(), mediaId);
        } catch (MediaAlreadyFiledException e) {
            throw alreadyFiled(e, asset.id());
        }
        access.record(
                ctx,
                "version.added",
                new Resource.Asset(asset.id()),
                AuditOutcome.SUCCESS,
                Map.of("number", version.number(), "mediaId", mediaId));
        ctx.status(201).json(versionView(version));
    }

    /**
     * The media item named by the body, once the caller may take it from where it is now: 422 when
     * it names nothing they can see, 403 when they see it but may not file it.
     */
    private String fileableMedia(Context ctx, String id) {
        if (id == null) {
            throw new ApiException.Invalid("mediaId is required", Map.of("field", "mediaId"));
        }
        access.requireReferenced(ctx, Action.MEDIA_FILE, new Resource.Media(id), "mediaId");
        if (media.get(id).isEmpty()) {
            throw new ApiException.Invalid("no such media: " + id, Map.of("field", "mediaId"));
        }
        return id;
    }

    private static ApiException alreadyFiled(MediaAlreadyFiledException e, String targetAsset) {
        String message = e.assetId().equals(targetAsset)
                ? "that media is already a version of this asset"
                : "that media is already a version of another asset; a media item belongs to one asset only";
        return new ApiException.Conflict(message, Map.of("mediaId", e.mediaId(), "assetId", e.assetId()));
    }

    private void approve(Context ctx) {
        Asset asset = requireAsset(ctx.pathParam("id"));
        int number = ctx.pathParamAsClass("number", Integer.class).get();
        AssetVersion version = assets.versions(asset.id()).stream()
                .filter(v -> v.number() == number)
                .findFirst()
                .orElseThrow(() -> new ApiException.NotFound("asset " + asset.id() + " has no version " + number));
        NewApproval req = Bodies.read(ctx, NewApproval.class);
        ApprovalStatus status;
        try {
            status = ApprovalStatus.fromWire(String.valueOf(req.status()));
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid(e.getMessage(), Map.of("field", "status"));
        }
        assets.setApproval(version.id(), status, Access.person(ctx).userId());
        access.record(
                ctx,
                "approval.changed",
                new Resource.Asset(asset.id()),
                AuditOutcome.SUCCESS,
                Map.of("version", number, "status", status.wire()));
        approvals.approvalChanged(asset.id(), number, status.wire(), Access.person(ctx));
        ctx.json(versionView(version));
    }

    /**
     * The project an asset goes to when the client names none: the default project "Library" (made
     * on first use by an admin), else the caller's only project they may add to.
     */
    private String defaultProject(Context ctx) {
        Principal.Person person = Access.person(ctx);
        Optional<Project> library = projects.list().stream()
                .filter(p -> p.name().equals(DEFAULT_PROJECT))
                .filter(p -> visible(ctx, Action.ASSET_CREATE, new Resource.Project(p.id())))
                .findFirst();
        if (library.isPresent()) {
            return library.get().id();
        }
        if (person.admin()) {
            return projects.create(DEFAULT_PROJECT, person.userId()).id();
        }
        List<Project> writable = projects.list().stream()
                .filter(p -> visible(ctx, Action.ASSET_CREATE, new Resource.Project(p.id())))
                .toList();
        if (writable.size() == 1) {
            return writable.get(0).id();
        }
        throw new ApiException.Invalid(
                writable.isEmpty()
                        ? "you are not an editor of any project; ask a project owner to add you"
                        : "name the project (projectId): you can add to several",
                Map.of("field", "projectId"));
    }

    private boolean visible(Context ctx, Action action, Resource resource) {
        return access.authorizer()
                .decide(Access.principal(ctx), action, resource)
                .allowed();
    }

    private String requireProject(String id) {
        return projects.get(id)
                .orElseThrow(() -> new ApiException.Invalid("no such project: " + id, Map.of("field", "projectId")))
                .id();
    }

    private Asset requireAsset(String id) {
        return assets.get(id).orElseThrow(() -> new ApiException.NotFound("no such asset: " + id));
    }

    private static Map<String, Object> projectView(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("createdAt", p.created().toString());
        return m;
    }

    private Map<String, Object> view(Asset asset) {
        List<Map<String, Object>> versions =
                assets.versions(asset.id()).stream().map(this::versionView).toList();
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

    private Map<String, Object> versionView(AssetVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("number", v.number());
        m.put("mediaId", v.mediaId());
        m.put("createdAt", v.created().toString());
        Map<String, Object> approval = new LinkedHashMap<>();
        assets.approval(v.id())
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
