package io.framewise.organizer.folders;

import io.framewise.organizer.folders.FolderPaths.Location;
import io.framewise.organizer.sdk.ActionDefinition;
import io.framewise.organizer.sdk.ActionRequest;
import io.framewise.organizer.sdk.ActionResult;
import io.framewise.organizer.sdk.AssetInfo;
import io.framewise.organizer.sdk.FolderInfo;
import io.framewise.organizer.sdk.FolderPage;
import io.framewise.organizer.sdk.FolderPage.AssetEntry;
import io.framewise.organizer.sdk.FolderPage.Crumb;
import io.framewise.organizer.sdk.FolderPage.FolderEntry;
import io.framewise.organizer.sdk.FolderRequest;
import io.framewise.organizer.sdk.Host;
import io.framewise.organizer.sdk.Organizer;
import io.framewise.organizer.sdk.OrganizerException;
import io.framewise.organizer.sdk.OrganizerInfo;
import io.framewise.organizer.sdk.Principal;
import io.framewise.organizer.sdk.ProjectInfo;
import io.framewise.organizer.sdk.UserProject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The default organizer: personal home folders, shared project folders, and for administrators
 * every user's folders. Built on the public SDK only and served in-process over the same gRPC API
 * external organizers use, so what it can do, any organizer can do.
 *
 * <p>Folder operations are its actions: create, rename, move (which also reorders) and delete
 * folders, and move assets between folders.
 */
public final class FoldersOrganizer implements Organizer {

    public static final String NAME = "folders";
    static final int DEFAULT_PAGE_SIZE = 200;

    static final ActionDefinition CREATE_FOLDER =
            new ActionDefinition("create-folder", "New folder", "Adds a folder here (parameter: name).", "");
    static final ActionDefinition RENAME_FOLDER =
            new ActionDefinition("rename-folder", "Rename", "Renames a folder (parameter: name).", "folder");
    static final ActionDefinition MOVE_FOLDER = new ActionDefinition(
            "move-folder",
            "Move",
            "Moves a folder (parameters: parentPath, optional position from 0) in the same project.",
            "folder");
    static final ActionDefinition DELETE_FOLDER =
            new ActionDefinition("delete-folder", "Delete", "Deletes an empty folder.", "folder");
    static final ActionDefinition MOVE_ASSET = new ActionDefinition(
            "move-asset", "Move", "Moves an asset to another folder of its project (parameter: folderPath).", "asset");

    private static final List<ActionDefinition> FOLDER_ACTIONS =
            List.of(CREATE_FOLDER, RENAME_FOLDER, MOVE_FOLDER, DELETE_FOLDER, MOVE_ASSET);

    private volatile Host host;

    @Override
    public OrganizerInfo info() {
        return new OrganizerInfo(NAME, "1.0", "Personal home folders and shared project folders.", List.of());
    }

    @Override
    public void start(Host newHost) {
        this.host = Objects.requireNonNull(newHost, "host");
    }

    @Override
    public FolderPage listFolder(FolderRequest request) {
        Principal me = request.principal();
        List<String> s = FolderPaths.segments(request.path());
        List<FolderEntry> folders = new ArrayList<>();
        List<AssetEntry> assets = new ArrayList<>();
        String path;
        String title;
        List<Crumb> crumbs = new ArrayList<>();
        List<ActionDefinition> actions = List.of();
        if (s.isEmpty()) {
            path = "/";
            title = "Library";
            if (!me.isAnonymous()) {
                folders.add(new FolderEntry("/users/" + me.userId(), "My folders", "", 0));
            }
            folders.add(new FolderEntry("/projects", "Projects", "", 1));
            if (me.admin()) {
                folders.add(new FolderEntry("/users", "Everyone's folders", "", 2));
            }
        } else if (s.size() == 1 && s.get(0).equals("projects")) {
            path = "/projects";
            title = "Projects";
            crumbs.add(new Crumb("/", "Library"));
            // Administrators see every project; others theirs, in one host call (not one per project).
            List<ProjectInfo> projects = me.admin()
                    ? host.listProjects()
                    : me.isAnonymous()
                            ? List.of()
                            : host.listUserProjects(me.userId()).stream()
                                    .map(UserProject::project)
                                    .toList();
            for (int i = 0; i < projects.size(); i++) {
                var p = projects.get(i);
                folders.add(new FolderEntry("/projects/" + p.id(), p.name(), "", i));
            }
        } else if (s.size() == 1 && s.get(0).equals("users")) {
            if (!me.admin()) {
                throw new OrganizerException.Forbidden("only administrators see everyone's folders");
            }
            path = "/users";
            title = "Everyone's folders";
            crumbs.add(new Crumb("/", "Library"));
            var users = host.listUsers();
            for (int i = 0; i < users.size(); i++) {
                var u = users.get(i);
                folders.add(new FolderEntry("/users/" + u.id(), u.displayName(), "", i));
            }
        } else {
            Location at = FolderPaths.resolve(host, me, request.path());
            path = at.path();
            title = at.title();
            crumbs.add(new Crumb("/", "Library"));
            if (at.owner().isEmpty()) {
                crumbs.add(new Crumb("/projects", "Projects"));
            } else if (!at.owner().equals(me.userId())) {
                crumbs.add(new Crumb("/users", "Everyone's folders"));
            }
            if (!at.chain().isEmpty()) {
                crumbs.add(new Crumb(at.base(), at.baseName()));
                StringBuilder crumbPath = new StringBuilder(at.base());
                for (FolderInfo f : at.chain().subList(0, at.chain().size() - 1)) {
                    crumbPath.append('/').append(f.id());
                    crumbs.add(new Crumb(crumbPath.toString(), f.name()));
                }
            }
            for (FolderInfo f : host.listFolders(at.project().id(), at.folderId())) {
                folders.add(new FolderEntry(at.pathOf(f), f.name(), f.id(), f.position()));
            }
            for (AssetInfo a : host.listAssets(at.project().id(), at.folderId())) {
                assets.add(new AssetEntry(a.id(), a.title()));
            }
            actions = FolderPaths.mayOrganise(host, me, at) ? FOLDER_ACTIONS : List.of();
        }
        return paged(request, path, title, crumbs, folders, assets, actions);
    }

    /** One page of the folders-then-assets listing; the token is the offset of the next entry. */
    private static FolderPage paged(
            FolderRequest request,
            String path,
            String title,
            List<Crumb> crumbs,
            List<FolderEntry> folders,
            List<AssetEntry> assets,
            List<ActionDefinition> actions) {
        int size = request.pageSize() <= 0 ? DEFAULT_PAGE_SIZE : Math.min(request.pageSize(), 1000);
        int offset;
        try {
            offset = request.pageToken().isEmpty() ? 0 : Integer.parseInt(request.pageToken());
        } catch (NumberFormatException e) {
            throw new OrganizerException.Invalid("not a page token: " + request.pageToken());
        }
        if (offset < 0) {
            throw new OrganizerException.Invalid("not a page token: " + request.pageToken());
        }
        int total = folders.size() + assets.size();
        int end = Math.min(total, offset + size);
        List<FolderEntry> pageFolders =
                folders.subList(Math.min(offset, folders.size()), Math.min(end, folders.size()));
        List<AssetEntry> pageAssets = assets.subList(
                Math.min(Math.max(0, offset - folders.size()), assets.size()), Math.max(0, end - folders.size()));
        return new FolderPage(
                path, title, crumbs, pageFolders, pageAssets, actions, end < total ? String.valueOf(end) : "");
    }

    @Override
    public ActionResult runAction(ActionRequest request) {
        Principal me = request.principal();
        if (me.isAnonymous()) {
            throw new OrganizerException.Forbidden("sign in to organise folders");
        }
        String target = request.target().id();
        switch (request.actionId()) {
            case "create-folder" -> {
                Location at = organisable(me, FolderPaths.resolve(host, me, request.path()));
                FolderInfo created = host.createFolder(
                        at.project().id(),
                        at.folderId(),
                        request.parameter("name").strip());
                return new ActionResult("Created folder " + created.name() + ".", at.pathOf(created));
            }
            case "rename-folder" -> {
                requireTarget(request, "folder");
                organisable(me, FolderPaths.locationOfFolder(host, me, target));
                FolderInfo renamed =
                        host.renameFolder(target, request.parameter("name").strip());
                return ActionResult.done("Renamed the folder to " + renamed.name() + ".");
            }
            case "move-folder" -> {
                requireTarget(request, "folder");
                Location from = organisable(me, FolderPaths.locationOfFolder(host, me, target));
                Location to = FolderPaths.resolve(host, me, request.parameter("parentPath"));
                sameProject(from, to);
                int position = position(request);
                FolderInfo moved = host.moveFolder(target, to.folderId(), position);
                return new ActionResult("Moved folder " + moved.name() + ".", to.path());
            }
            case "delete-folder" -> {
                requireTarget(request, "folder");
                Location at = organisable(me, FolderPaths.locationOfFolder(host, me, target));
                host.deleteFolder(target);
                String parent = at.path().substring(0, at.path().lastIndexOf('/'));
                return new ActionResult("Deleted the folder.", parent);
            }
            case "move-asset" -> {
                requireTarget(request, "asset");
                AssetInfo asset = host.getAsset(target)
                        .orElseThrow(() -> new OrganizerException.NotFound("no such asset: " + target));
                // Rights over where the asset is now, then over where it goes.
                organisable(me, locationOfAsset(me, asset));
                Location to = organisable(me, FolderPaths.resolve(host, me, request.parameter("folderPath")));
                if (!to.project().id().equals(asset.projectId())) {
                    throw new OrganizerException.Invalid("an asset moves only within its project");
                }
                host.moveAsset(asset.id(), to.folderId());
                return new ActionResult("Moved " + asset.title() + ".", to.path());
            }
            default -> throw new OrganizerException.NotFound(
                    "the folders organizer has no action " + request.actionId());
        }
    }

    /**
     * The top level of the project or home holding an asset. An asset in a place the caller cannot
     * open is "no such asset", as for one that does not exist, so actions cannot probe for ids.
     */
    private Location locationOfAsset(Principal me, AssetInfo asset) {
        try {
            return FolderPaths.resolve(host, me, FolderPaths.baseOf(host, asset.projectId()));
        } catch (OrganizerException.NotFound | OrganizerException.Forbidden e) {
            throw new OrganizerException.NotFound("no such asset: " + asset.id());
        }
    }

    private Location organisable(Principal me, Location at) {
        if (!FolderPaths.mayOrganise(host, me, at)) {
            throw new OrganizerException.Forbidden("only owners and editors organise this project's folders");
        }
        return at;
    }

    private static void requireTarget(ActionRequest request, String type) {
        if (!request.target().is(type) || request.target().id().isEmpty()) {
            throw new OrganizerException.Invalid("the action " + request.actionId() + " applies to a " + type);
        }
    }

    private static void sameProject(Location from, Location to) {
        if (!from.project().id().equals(to.project().id())) {
            throw new OrganizerException.Invalid("a folder moves only within its project");
        }
    }

    private static int position(ActionRequest request) {
        String raw = request.parameters().get("position");
        if (raw == null || raw.isBlank()) {
            return Integer.MAX_VALUE;
        }
        try {
            int position = Integer.parseInt(raw.strip());
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new OrganizerException.Invalid("position must be a whole number from 0, got " + raw);
        }
    }
}
