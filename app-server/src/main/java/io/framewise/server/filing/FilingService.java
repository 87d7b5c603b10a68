package io.framewise.server.filing;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an arriving media item is filed, so nothing that came in is lost from sight: the target a
 * request names ({@code projectId} and {@code folderId}, or {@code assetId} for a new version), else
 * the uploader's home ("My folders").
 *
 * <p>The target is checked with {@link #check} before a byte of the body is read, and filed with
 * {@link #file} inside the unit of work that stores the media item: a refused target stores
 * nothing, and a media item is never stored without its asset.
 */
public final class FilingService {

    /**
     * Where a request asked its media to go; all null for "my home".
     *
     * @param assetId file as this asset's next version (then no project or folder)
     */
    public record Target(String projectId, String folderId, String assetId) {
        public static final Target HOME = new Target(null, null, null);

        public boolean isHome() {
            return projectId == null && folderId == null && assetId == null;
        }
    }

    private final JooqFilingRepository repo;
    private final Permissions permissions;

    public FilingService(JooqFilingRepository repo, Permissions permissions) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    /**
     * The checked target of a request. 422 naming the field for a malformed id, one that names
     * nothing the caller can see, a folder of another project, or an asset combined with a place;
     * 403 when the caller sees the place but may not add to it (a viewer, a reviewer).
     */
    public Target check(Caller caller, String rawProjectId, String rawFolderId, String rawAssetId) {
        String projectId = blankToNull(rawProjectId);
        String folderId = blankToNull(rawFolderId);
        String assetId = blankToNull(rawAssetId);
        caller.person();
        requireWellFormed("projectId", projectId);
        requireWellFormed("folderId", folderId);
        requireWellFormed("assetId", assetId);
        if (assetId != null) {
            if (projectId != null || folderId != null) {
                throw new ApiException.Invalid(
                        "name either assetId (a new version) or projectId/folderId (a new asset), not both",
                        Map.of("field", "assetId"));
            }
            permissions.requireReferenced(caller, Action.VERSION_ADD, new Resource.Asset(assetId), "assetId");
            if (repo.projectOfAsset(assetId).isEmpty()) {
                throw noSuch("asset", assetId, "assetId");
            }
            return new Target(null, null, assetId);
        }
        if (folderId != null) {
            Optional<String> folderProject = repo.projectOfFolder(folderId);
            if (projectId == null) {
                // The folder's project is the place; a folder the caller cannot see reads as missing.
                if (folderProject.isEmpty()) {
                    throw noSuch("folder", folderId, "folderId");
                }
                permissions.requireReferenced(
                        caller, Action.ASSET_CREATE, new Resource.Project(folderProject.get()), "folderId");
                return new Target(folderProject.get(), folderId, null);
            }
            permissions.requireReferenced(caller, Action.ASSET_CREATE, new Resource.Project(projectId), "projectId");
            if (repo.project(projectId).isEmpty()) {
                throw noSuch("project", projectId, "projectId");
            }
            if (folderProject.isEmpty() || !folderProject.get().equals(projectId)) {
                throw new ApiException.Invalid(
                        "no such folder in the project: " + folderId, Map.of("field", "folderId"));
            }
            return new Target(projectId, folderId, null);
        }
        if (projectId != null) {
            permissions.requireReferenced(caller, Action.ASSET_CREATE, new Resource.Project(projectId), "projectId");
            if (repo.project(projectId).isEmpty()) {
                throw noSuch("project", projectId, "projectId");
            }
            return new Target(projectId, null, null);
        }
        return Target.HOME;
    }

    /**
     * The target a resumable upload named at its creation, checked again when its last byte arrives
     * (possibly after a restart, with no request at hand): a target that vanished or that the owner
     * may no longer add to turns into the owner's home, so the upload is not lost.
     */
    public Target recheck(String ownerId, Target target) {
        if (target == null || target.isHome() || ownerId == null) {
            return Target.HOME;
        }
        Optional<Principal.Person> owner = repo.person(ownerId);
        if (owner.isEmpty()) {
            return Target.HOME;
        }
        try {
            return check(new Caller(owner.get(), null), target.projectId(), target.folderId(), target.assetId());
        } catch (ApiException refused) {
            return Target.HOME;
        }
    }

    /**
     * Files the media item at the target, inside the caller's unit of work; answers the asset id.
     * A home target needs an uploader: without one (the watched folder, which files by its own
     * rules) nothing is filed and the answer is null.
     */
    public String file(String mediaId, String title, String uploaderId, Target target) {
        if (target == null || target.isHome()) {
            if (uploaderId == null) {
                return null;
            }
            return repo.fileAsNewAsset(repo.ensureHome(uploaderId), null, title, uploaderId, mediaId, true);
        }
        if (target.assetId() != null) {
            repo.fileAsNextVersion(target.assetId(), mediaId);
            return target.assetId();
        }
        String createdBy = uploaderId != null
                ? uploaderId
                : repo.creatorOf(target.projectId())
                        .orElseThrow(() -> new IllegalStateException("no such project: " + target.projectId()));
        return repo.fileAsNewAsset(target.projectId(), target.folderId(), title, createdBy, mediaId, false);
    }

    /** The asset title an upload gets: its file name without the extension, at most 300 characters. */
    public static String titleOf(String fileName) {
        String name = fileName == null ? "" : fileName.strip();
        int dot = name.lastIndexOf('.');
        String title = dot > 0 ? name.substring(0, dot) : name;
        if (title.isEmpty()) {
            title = name.isEmpty() ? "Untitled" : name;
        }
        return title.length() <= 300 ? title : title.substring(0, 300);
    }

    private static void requireWellFormed(String field, String id) {
        // Ids are URL-safe; anything else (paths, quotes, megabytes) is refused before any lookup.
        if (id != null && !id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ApiException.Invalid(field + " is not a valid id", Map.of("field", field));
        }
    }

    private static ApiException noSuch(String what, String id, String field) {
        return new ApiException.Invalid("no such " + what + ": " + id, Map.of("field", field));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
