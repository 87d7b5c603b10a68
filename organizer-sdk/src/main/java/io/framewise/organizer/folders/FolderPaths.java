package io.framewise.organizer.folders;

import io.framewise.organizer.sdk.FolderInfo;
import io.framewise.organizer.sdk.Host;
import io.framewise.organizer.sdk.OrganizerException;
import io.framewise.organizer.sdk.Principal;
import io.framewise.organizer.sdk.ProjectInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders organizer's path scheme, resolved against the host:
 *
 * <pre>
 * /                          the root: my folders, projects, (admins) everyone's folders
 * /projects                  every shared project
 * /projects/P/F1/F2          folder F2 inside F1 at the top of project P
 * /users                     every user (admins only)
 * /users/U/F1                user U's home folders (U themselves and admins only)
 * /home                      the caller's own home, same as /users/ME
 * </pre>
 *
 * Folder segments are folder ids, each the child of the one before, so a path can be checked
 * without trusting the client.
 */
final class FolderPaths {

    private FolderPaths() {}

    /**
     * A place that holds folders and assets: a project's or a home's top level, or a folder.
     *
     * @param base {@code /projects/P} or {@code /users/U}
     * @param owner the home's user id, empty for a shared project
     * @param chain the folders from the top level down to this one, empty at the top level
     */
    record Location(String base, ProjectInfo project, String owner, String baseName, List<FolderInfo> chain) {

        String folderId() {
            return chain.isEmpty() ? "" : chain.get(chain.size() - 1).id();
        }

        String path() {
            StringBuilder path = new StringBuilder(base);
            chain.forEach(f -> path.append('/').append(f.id()));
            return path.toString();
        }

        String pathOf(FolderInfo child) {
            return path() + "/" + child.id();
        }

        String title() {
            return chain.isEmpty() ? baseName : chain.get(chain.size() - 1).name();
        }
    }

    static List<String> segments(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw new OrganizerException.Invalid("a folder path starts with '/', got '" + path + "'");
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return segments;
    }

    /** The location a path names, checked against the caller's rights to homes. */
    static Location resolve(Host host, Principal principal, String path) {
        List<String> s = segments(path);
        if (s.isEmpty()
                || (s.size() == 1 && (s.get(0).equals("projects") || s.get(0).equals("users")))) {
            throw new OrganizerException.Invalid(path + " lists places, not folders");
        }
        String base;
        ProjectInfo project;
        String owner;
        String baseName;
        int first;
        switch (s.get(0)) {
            case "projects" -> {
                project = host.listProjects().stream()
                        .filter(p -> p.id().equals(s.get(1)))
                        .filter(p -> roleIn(host, principal, p.id()) != null)
                        .findFirst()
                        .orElseThrow(() -> new OrganizerException.NotFound("no such project: " + s.get(1)));
                base = "/projects/" + project.id();
                owner = "";
                baseName = project.name();
                first = 2;
            }
            case "users", "home" -> {
                boolean alias = s.get(0).equals("home");
                if (principal.isAnonymous()) {
                    throw new OrganizerException.Forbidden("sign in to see home folders");
                }
                owner = alias ? principal.userId() : s.get(1);
                if (!owner.equals(principal.userId()) && !principal.admin()) {
                    throw new OrganizerException.Forbidden("only administrators see other people's folders");
                }
                project = host.getUserHome(owner);
                base = "/users/" + owner;
                baseName = owner.equals(principal.userId()) ? "My folders" : displayName(host, owner);
                first = alias ? 1 : 2;
            }
            default -> throw new OrganizerException.NotFound("no such folder path: " + path);
        }
        List<FolderInfo> chain = new ArrayList<>();
        String parent = "";
        for (int i = first; i < s.size(); i++) {
            String id = s.get(i);
            String expectedParent = parent;
            FolderInfo folder = host.getFolder(id)
                    .filter(f ->
                            f.projectId().equals(project.id()) && f.parentId().equals(expectedParent))
                    .orElseThrow(() -> new OrganizerException.NotFound("no such folder path: " + path));
            chain.add(folder);
            parent = folder.id();
        }
        return new Location(base, project, owner, baseName, chain);
    }

    /**
     * The caller's role in a shared project ({@code admin} for administrators), or null when they
     * are not a member: such projects do not exist for them.
     */
    static String roleIn(Host host, Principal principal, String projectId) {
        if (principal.admin()) {
            return "admin";
        }
        if (principal.isAnonymous()) {
            return null;
        }
        return host.listProjectMembers(projectId).stream()
                .filter(m -> m.userId().equals(principal.userId()))
                .map(m -> m.role())
                .findFirst()
                .orElse(null);
    }

    /** Whether the caller may change folders at a location: their own home, or as owner or editor. */
    static boolean mayOrganise(Host host, Principal principal, Location at) {
        if (!at.owner().isEmpty()) {
            return at.owner().equals(principal.userId()) || principal.admin();
        }
        String role = roleIn(host, principal, at.project().id());
        return "admin".equals(role) || "owner".equals(role) || "editor".equals(role);
    }

    static String displayName(Host host, String userId) {
        return host.listUsers().stream()
                .filter(u -> u.id().equals(userId))
                .findFirst()
                .map(u -> u.displayName() + "'s folders")
                .orElseThrow(() -> new OrganizerException.NotFound("no such user: " + userId));
    }

    /**
     * The location holding a stored folder (for actions that name a folder by id). A folder in a
     * place the caller cannot open is "no such folder", as for one that does not exist: the answer
     * names neither its project nor its owner.
     */
    static Location locationOfFolder(Host host, Principal principal, String folderId) {
        FolderInfo folder = host.getFolder(folderId)
                .orElseThrow(() -> new OrganizerException.NotFound("no such folder: " + folderId));
        List<FolderInfo> chain = new ArrayList<>();
        for (FolderInfo f = folder; f != null; ) {
            chain.add(0, f);
            f = f.parentId().isEmpty() ? null : host.getFolder(f.parentId()).orElse(null);
        }
        try {
            StringBuilder path = new StringBuilder(baseOf(host, folder.projectId()));
            chain.forEach(f -> path.append('/').append(f.id()));
            return resolve(host, principal, path.toString());
        } catch (OrganizerException.NotFound | OrganizerException.Forbidden e) {
            throw new OrganizerException.NotFound("no such folder: " + folderId);
        }
    }

    /** {@code /projects/P}, or {@code /users/U} when the project is U's home. */
    static String baseOf(Host host, String projectId) {
        ProjectInfo project = host.getProject(projectId)
                .orElseThrow(() -> new OrganizerException.NotFound("no such project: " + projectId));
        return project.isHome() ? "/users/" + project.homeUserId() : "/projects/" + project.id();
    }
}
