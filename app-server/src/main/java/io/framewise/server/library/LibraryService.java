package io.framewise.server.library;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaRepository;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Projects, assets and their version stacks, and the approval of each version.
 *
 * <p>An upload makes a media item; an asset groups media items as versions 1, 2, 3... Clients create
 * the asset for a first upload with its media id and add later uploads as versions. Assets without a
 * project go into the default project "Library", made on first use, so a single user never has to
 * think about projects.
 *
 * <p>A media item is a version of one asset only (ADR 0024): filing needs rights over where it is
 * now and over where it goes, and media already filed is a conflict.
 *
 * <p>Each change is one unit of work with its audit entry. Rights that a refusal is audited for are
 * checked before the unit begins, so the refusal's entry is not rolled back with the change it refused.
 */
public final class LibraryService {

    static final String DEFAULT_PROJECT = "Library";

    /** Hears every approval decision after it is stored (organizer plugins do). */
    @FunctionalInterface
    public interface ApprovalListener {
        /** @param status the wire form, e.g. {@code approved} */
        void approvalChanged(String assetId, int versionNumber, String status, Principal decidedBy);
    }

    /** A version with its current approval, empty while nobody has decided. */
    public record VersionDetails(AssetVersion version, Optional<Approval> approval) {}

    /** An asset with its stack, version 1 first. */
    public record AssetDetails(Asset asset, List<VersionDetails> versions) {}

    /** What filing a media item as a new asset names; null project or folder for the defaults. */
    public record NewAsset(String projectId, String folderId, String title, String mediaId) {}

    private final ProjectRepository projects;
    private final AssetRepository assets;
    private final MediaRepository media;
    private final UnitOfWork work;
    private final Permissions permissions;
    private final ApprovalListener approvals;

    public LibraryService(
            ProjectRepository projects,
            AssetRepository assets,
            MediaRepository media,
            UnitOfWork work,
            Permissions permissions,
            ApprovalListener approvals) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.media = Objects.requireNonNull(media, "media");
        this.work = Objects.requireNonNull(work, "work");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
    }

    /**
     * The projects the caller may see, oldest first, homes after the shared ones: every uploader has
     * a home now (ADR 0049), and clients that open "the first project" mean a shared one.
     */
    public List<Project> projects(Caller caller) {
        permissions.require(caller, Action.PROJECT_LIST, Resource.SERVER);
        return projects.list().stream()
                .filter(p -> allowed(caller, Action.PROJECT_VIEW, new Resource.Project(p.id())))
                .sorted(java.util.Comparator.comparing((Project p) -> projects.isHome(p.id())))
                .toList();
    }

    public Project createProject(Caller caller, String rawName) {
        permissions.require(caller, Action.PROJECT_CREATE, Resource.SERVER);
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new ApiException.Invalid("name must be 1 to 200 characters", Map.of("field", "name"));
        }
        String userId = caller.person().userId();
        return work.inTransaction(() -> {
            Project project = projects.create(name, userId);
            permissions.audit(
                    caller,
                    "project.created",
                    new Resource.Project(project.id()),
                    AuditOutcome.SUCCESS,
                    Map.of("name", name));
            return project;
        });
    }

    /** The assets the caller may see directly in a folder ({@code null}: the project's top level). */
    public List<AssetDetails> assets(Caller caller, String projectId, String folderId) {
        Project project =
                projects.get(projectId).orElseThrow(() -> new ApiException.NotFound("no such project: " + projectId));
        permissions.require(caller, Action.PROJECT_VIEW, new Resource.Project(project.id()));
        return assets.list(project.id(), folderId).stream()
                .filter(a -> allowed(caller, Action.ASSET_VIEW, new Resource.Asset(a.id())))
                .map(this::details)
                .toList();
    }

    /** The asset with its stack (who may see it is the route rule's). */
    public AssetDetails asset(Caller caller, String id) {
        return details(requireAsset(caller, Action.ASSET_VIEW, id));
    }

    /**
     * Files a media item as version 1 of a new asset. The caller needs rights over where the media is
     * now (its uploader while unfiled, an editor of its project once filed) and over where it goes
     * (an editor of the project); a media item is a version of one asset only (409 otherwise).
     */
    public AssetDetails createAsset(Caller caller, NewAsset req) {
        String title = req.title() == null ? "" : req.title().strip();
        if (title.isEmpty() || title.length() > 300) {
            throw new ApiException.Invalid("title must be 1 to 300 characters", Map.of("field", "title"));
        }
        String mediaId = fileableMedia(caller, req.mediaId());
        if (req.projectId() != null) {
            permissions.requireReferenced(
                    caller, Action.ASSET_CREATE, new Resource.Project(req.projectId()), "projectId");
        }
        String userId = caller.person().userId();
        Asset asset = work.inTransaction(() -> {
            String projectId = req.projectId() != null ? requireProject(req.projectId()) : defaultProject(caller);
            if (req.folderId() != null) {
                projects.getFolder(req.folderId())
                        .filter(f -> f.projectId().equals(projectId))
                        .orElseThrow(() -> new ApiException.Invalid(
                                "no such folder in the project: " + req.folderId(), Map.of("field", "folderId")));
            }
            Asset created;
            try {
                created = assets.createWithFirstVersion(projectId, req.folderId(), title, userId, mediaId);
            } catch (MediaAlreadyFiledException e) {
                throw alreadyFiled(e, null);
            }
            permissions.audit(
                    caller,
                    "asset.created",
                    new Resource.Asset(created.id()),
                    AuditOutcome.SUCCESS,
                    Map.of("title", title, "projectId", projectId, "mediaId", mediaId));
            return created;
        });
        return details(asset);
    }

    /** Files a media item as the next version; the route rule already asked for VERSION_ADD on the asset. */
    public VersionDetails addVersion(Caller caller, String assetId, String rawMediaId) {
        Asset asset = requireAsset(caller, Action.VERSION_ADD, assetId);
        String mediaId = fileableMedia(caller, rawMediaId);
        AssetVersion version = work.inTransaction(() -> {
            AssetVersion added;
            try {
                added = assets.addVersion(asset.id(), mediaId);
            } catch (MediaAlreadyFiledException e) {
                throw alreadyFiled(e, asset.id());
            }
            permissions.audit(
                    caller,
                    "version.added",
                    new Resource.Asset(asset.id()),
                    AuditOutcome.SUCCESS,
                    Map.of("number", added.number(), "mediaId", mediaId));
            return added;
        });
        return details(version);
    }

    /** Version {@code number} of the asset; 404 for an unknown asset or number. */
    public AssetVersion version(Caller caller, String assetId, int number) {
        Asset asset = requireAsset(caller, Action.APPROVAL_SET, assetId);
        return assets.versions(asset.id()).stream()
                .filter(v -> v.number() == number)
                .findFirst()
                .orElseThrow(() -> new ApiException.NotFound("asset " + asset.id() + " has no version " + number));
    }

    /** Records the caller's decision ({@code approved}, {@code changes_requested}...) on a version. */
    public VersionDetails approve(Caller caller, String assetId, int number, String rawStatus) {
        AssetVersion version = version(caller, assetId, number);
        ApprovalStatus status;
        try {
            status = ApprovalStatus.fromWire(String.valueOf(rawStatus));
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid(e.getMessage(), Map.of("field", "status"));
        }
        Principal decidedBy = caller.principal();
        String decidedById;
        if (decidedBy instanceof Principal.Guest guest) {
            // A share link's guest decides only on a version the link shows; the decision is filed
            // under the link's creator and the audit entry names the guest.
            permissions.require(caller, Action.MEDIA_VIEW, new Resource.Media(version.mediaId()));
            decidedById = guest.onBehalfOf();
        } else {
            decidedById = caller.person().userId();
        }
        work.inTransaction(() -> {
            assets.setApproval(version.id(), status, decidedById);
            permissions.audit(
                    caller,
                    "approval.changed",
                    new Resource.Asset(assetId),
                    AuditOutcome.SUCCESS,
                    Map.of("version", number, "status", status.wire()));
            work.afterCommit(() -> approvals.approvalChanged(assetId, number, status.wire(), decidedBy));
        });
        return details(version);
    }

    /**
     * The media item named by a request, once the caller may take it from where it is now: 422 when
     * it names nothing they can see, 403 when they see it but may not file it.
     */
    private String fileableMedia(Caller caller, String id) {
        if (id == null) {
            throw new ApiException.Invalid("mediaId is required", Map.of("field", "mediaId"));
        }
        permissions.requireReferenced(caller, Action.MEDIA_FILE, new Resource.Media(id), "mediaId");
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

    /**
     * The project an asset goes to when the client names none: the default project "Library" (made
     * on first use by an admin, in the caller's unit of work), else the caller's only project they
     * may add to.
     */
    private String defaultProject(Caller caller) {
        Principal.Person person = caller.person();
        Optional<Project> library = projects.list().stream()
                .filter(p -> p.name().equals(DEFAULT_PROJECT))
                .filter(p -> allowed(caller, Action.ASSET_CREATE, new Resource.Project(p.id())))
                .findFirst();
        if (library.isPresent()) {
            return library.get().id();
        }
        if (person.admin()) {
            return projects.create(DEFAULT_PROJECT, person.userId()).id();
        }
        // Homes are not candidates: every uploader has one now (ADR 0049), and an asset named for
        // no project belongs in a shared one, as before homes were made at upload.
        List<Project> writable = projects.list().stream()
                .filter(p -> !projects.isHome(p.id()))
                .filter(p -> allowed(caller, Action.ASSET_CREATE, new Resource.Project(p.id())))
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

    private boolean allowed(Caller caller, Action action, Resource resource) {
        return permissions
                .authorizer()
                .decide(caller.principal(), action, resource)
                .allowed();
    }

    private String requireProject(String id) {
        return projects.get(id)
                .orElseThrow(() -> new ApiException.Invalid("no such project: " + id, Map.of("field", "projectId")))
                .id();
    }

    /** The asset, once the caller may do {@code action} on it. */
    private Asset requireAsset(Caller caller, Action action, String id) {
        Asset asset = assets.get(id).orElseThrow(() -> new ApiException.NotFound("no such asset: " + id));
        permissions.require(caller, action, new Resource.Asset(asset.id()));
        return asset;
    }

    private AssetDetails details(Asset asset) {
        return new AssetDetails(
                asset, assets.versions(asset.id()).stream().map(this::details).toList());
    }

    private VersionDetails details(AssetVersion version) {
        return new VersionDetails(version, assets.approval(version.id()));
    }
}
