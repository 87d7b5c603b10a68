package io.framewise.server.access;

import java.util.Optional;

/**
 * The server's own answer to "may this person do this": admins may do everything; everyone else
 * by their role in the project a thing belongs to. Things a person has no role for are
 * {@link Decision.Outcome#HIDDEN} (answered 404), so ids cannot be probed; things they can see but
 * not change are denied (403).
 *
 * <p>A media item is a version of at most one asset, so it has one place: the project of that asset,
 * where people have the role they have in the project and nowhere else. A media item not yet filed
 * into a project belongs to its uploader, who may do with it what an owner may; nobody else but
 * admins sees it. Filing it ({@link Action#MEDIA_FILE}) needs the editor role where it is now (the
 * uploader's, while unfiled); the place it goes is decided on its own.
 */
public final class RolePolicy {

    private final AccessFacts facts;
    private final GuestPolicy guests;

    public RolePolicy(AccessFacts facts) {
        this.facts = facts;
        this.guests = new GuestPolicy(facts);
    }

    public Decision decide(Principal principal, Action action, Resource resource) {
        if (action == Action.PUBLIC) {
            return Decision.allow("open to everyone");
        }
        if (principal instanceof Principal.Guest guest) {
            return guests.decide(guest, action, resource);
        }
        if (!(principal instanceof Principal.Person person)) {
            return Decision.unauthenticated();
        }
        if (action == Action.GUEST_SESSION) {
            return Decision.unauthenticated();
        }
        if (person.admin()) {
            return Decision.allow("administrator");
        }
        return switch (action) {
            case PUBLIC -> Decision.allow("open to everyone");
            case SELF, PROJECT_LIST, MEDIA_LIST, EVENTS_SUBSCRIBE -> Decision.allow("signed in");
            case USERS_ADMIN, AUDIT_READ, METRICS_READ -> Decision.deny("only administrators may do this");
            case PROJECT_CREATE -> Decision.deny("only administrators create projects");
            case MEDIA_UPLOAD -> upload(person);
            case PROJECT_VIEW, PROJECT_MEMBERS_VIEW, PROJECT_MEMBERS_MANAGE, ASSET_CREATE -> onProject(
                    person, action, resource);
            case ASSET_VIEW, VERSION_ADD, APPROVAL_SET -> onAsset(person, action, resource);
                // A link to an asset (or a clip filed as one) is the asset's; one to a folder, its project's.
            case SHARE_MANAGE -> resource instanceof Resource.Project
                    ? onProject(person, action, resource)
                    : onAsset(person, action, resource);
            case GUEST_SESSION -> Decision.unauthenticated();
            case MEDIA_VIEW,
                    MEDIA_DOWNLOAD,
                    MEDIA_DELETE,
                    MEDIA_FILE,
                    CLIP_CREATE,
                    SUBTITLE_MANAGE,
                    NOTE_CREATE,
                    LIVE_JOIN,
                    LIVE_DRIVE -> onMedia(person, action, resource);
                // Listing a media item's notes, or looking at one note.
            case NOTE_VIEW -> resource instanceof Resource.Note
                    ? onNote(person, action, resource)
                    : onMedia(person, action, resource);
            case NOTE_EDIT, NOTE_DELETE, NOTE_RESOLVE -> onNote(person, action, resource);
            case TEMPLATE_USE, TEMPLATE_MANAGE -> onTemplates(person, action, resource);
        };
    }

    private Decision upload(Principal.Person person) {
        boolean editorSomewhere =
                facts.roles(person.userId()).values().stream().anyMatch(r -> r.atLeast(ProjectRole.EDITOR));
        return editorSomewhere
                ? Decision.allow("editor in a project")
                : Decision.deny("uploading needs the editor role in a project");
    }

    private Decision onProject(Principal.Person person, Action action, Resource resource) {
        if (!(resource instanceof Resource.Project project)) {
            throw new IllegalArgumentException(action + " is about a project, not " + resource);
        }
        ProjectRole role = facts.roles(person.userId()).get(project.id());
        if (role == null) {
            return Decision.hidden("no such project");
        }
        return switch (action) {
            case PROJECT_MEMBERS_MANAGE -> require(role, ProjectRole.OWNER, "managing members needs the owner role");
            case ASSET_CREATE -> require(role, ProjectRole.EDITOR, "adding assets needs the editor role");
            case SHARE_MANAGE -> require(role, ProjectRole.EDITOR, "sharing needs the editor role");
            default -> Decision.allow(role.wire() + " of the project");
        };
    }

    /** Templates of a project, or global ones (the server). */
    private Decision onTemplates(Principal.Person person, Action action, Resource resource) {
        if (resource instanceof Resource.Server) {
            return action == Action.TEMPLATE_USE
                    ? Decision.allow("signed in")
                    : Decision.deny("only administrators manage global templates");
        }
        if (!(resource instanceof Resource.Project project)) {
            throw new IllegalArgumentException(action + " is about a project or the server, not " + resource);
        }
        ProjectRole role = facts.roles(person.userId()).get(project.id());
        if (role == null) {
            return Decision.hidden("no such project");
        }
        return action == Action.TEMPLATE_MANAGE
                ? require(role, ProjectRole.EDITOR, "managing templates needs the editor role")
                : Decision.allow(role.wire() + " of the project");
    }

    private Decision onAsset(Principal.Person person, Action action, Resource resource) {
        if (!(resource instanceof Resource.Asset asset)) {
            throw new IllegalArgumentException(action + " is about an asset, not " + resource);
        }
        Optional<String> project = facts.projectOfAsset(asset.id());
        ProjectRole role = project.map(p -> facts.roles(person.userId()).get(p)).orElse(null);
        if (role == null) {
            return Decision.hidden("no such asset");
        }
        return switch (action) {
            case VERSION_ADD -> require(role, ProjectRole.EDITOR, "adding versions needs the editor role");
            case APPROVAL_SET -> require(role, ProjectRole.REVIEWER, "approving needs the reviewer role");
            case SHARE_MANAGE -> require(role, ProjectRole.EDITOR, "sharing needs the editor role");
            default -> Decision.allow(role.wire() + " of the project");
        };
    }

    /**
     * Of these assets, those the person may view ({@link Action#ASSET_VIEW}): the ones in a project
     * they have a role in. The same rule as {@link #onAsset}, asked once for a page of assets.
     */
    java.util.Set<String> viewableAssets(Principal.Person person, java.util.Collection<String> assetIds) {
        if (person.admin()) {
            return new java.util.HashSet<>(assetIds);
        }
        java.util.Map<String, ProjectRole> roles = facts.roles(person.userId());
        java.util.Set<String> out = new java.util.HashSet<>();
        facts.projectsOfAssets(assetIds).forEach((asset, project) -> {
            if (roles.containsKey(project)) {
                out.add(asset);
            }
        });
        return out;
    }

    private Decision onMedia(Principal.Person person, Action action, Resource resource) {
        if (!(resource instanceof Resource.Media media)) {
            throw new IllegalArgumentException(action + " is about media, not " + resource);
        }
        return onMediaId(person, action, media.id(), null);
    }

    private Decision onMediaId(Principal.Person person, Action action, String mediaId, String noteAuthor) {
        ProjectRole role = roleOnMedia(person, mediaId);
        if (role == null) {
            return Decision.hidden("no such media");
        }
        boolean author = person.userId().equals(noteAuthor);
        return switch (action) {
            case NOTE_CREATE, LIVE_DRIVE, NOTE_RESOLVE -> require(
                    role, ProjectRole.REVIEWER, "this needs the reviewer role or more");
            case MEDIA_FILE -> require(
                    role,
                    ProjectRole.EDITOR,
                    "filing media needs the editor role in its project (or being its uploader while it is unfiled)");
            case CLIP_CREATE -> require(role, ProjectRole.EDITOR, "cutting clips needs the editor role");
            case SUBTITLE_MANAGE -> require(role, ProjectRole.EDITOR, "changing subtitle tracks needs the editor role");
                // Who uploaded it matters only here: asked only here, not on every view.
            case MEDIA_DELETE -> role.atLeast(ProjectRole.EDITOR) && uploadedBy(person, mediaId)
                    ? Decision.allow("uploader")
                    : require(role, ProjectRole.OWNER, "only the uploader or a project owner may delete media");
            case NOTE_EDIT -> author && role.atLeast(ProjectRole.REVIEWER)
                    ? Decision.allow("author")
                    : Decision.deny("only the author may edit a note");
            case NOTE_DELETE -> author && role.atLeast(ProjectRole.REVIEWER)
                    ? Decision.allow("author")
                    : require(role, ProjectRole.OWNER, "only the author or a project owner may delete a note");
            default -> Decision.allow(role.wire());
        };
    }

    private Decision onNote(Principal.Person person, Action action, Resource resource) {
        if (!(resource instanceof Resource.Note note)) {
            throw new IllegalArgumentException(action + " is about a note, not " + resource);
        }
        Optional<AccessFacts.NoteFacts> found = facts.note(note.id());
        if (found.isEmpty()) {
            return Decision.hidden("no such note");
        }
        return onMediaId(person, action, found.get().mediaId(), found.get().authorId());
    }

    /**
     * The person's role on the media: their role in the one project it is filed in, or owner for its
     * uploader while it is unfiled; null when they have none (it is hidden from them).
     */
    private ProjectRole roleOnMedia(Principal.Person person, String mediaId) {
        Optional<String> project = facts.projectOfMedia(mediaId);
        if (project.isPresent()) {
            return facts.roles(person.userId()).get(project.get());
        }
        return uploadedBy(person, mediaId) ? ProjectRole.OWNER : null;
    }

    private boolean uploadedBy(Principal.Person person, String mediaId) {
        return facts.uploaderOf(mediaId).map(person.userId()::equals).orElse(false);
    }

    private static Decision require(ProjectRole role, ProjectRole needed, String otherwise) {
        return role.atLeast(needed) ? Decision.allow(role.wire()) : Decision.deny(otherwise);
    }
}
