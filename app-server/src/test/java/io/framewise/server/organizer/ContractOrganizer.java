package io.framewise.server.organizer;

import io.framewise.organizer.sdk.ActionDefinition;
import io.framewise.organizer.sdk.ActionRequest;
import io.framewise.organizer.sdk.ActionResult;
import io.framewise.organizer.sdk.ApprovalChange;
import io.framewise.organizer.sdk.AssetInfo;
import io.framewise.organizer.sdk.Authorization;
import io.framewise.organizer.sdk.AuthorizeRequest;
import io.framewise.organizer.sdk.FolderInfo;
import io.framewise.organizer.sdk.FolderPage;
import io.framewise.organizer.sdk.FolderRequest;
import io.framewise.organizer.sdk.Host;
import io.framewise.organizer.sdk.MediaInfo;
import io.framewise.organizer.sdk.Member;
import io.framewise.organizer.sdk.NoteInfo;
import io.framewise.organizer.sdk.Organizer;
import io.framewise.organizer.sdk.OrganizerException;
import io.framewise.organizer.sdk.OrganizerInfo;
import io.framewise.organizer.sdk.Principal;
import io.framewise.organizer.sdk.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An organizer that claims every hook and, in its "exercise-host" action, calls every host RPC and
 * checks the answers; run as a real external process by the contract test. Hooks report back as
 * notifications to the user involved, which the test reads over REST.
 */
public final class ContractOrganizer implements Organizer {

    private Host host;

    @Override
    public OrganizerInfo info() {
        return new OrganizerInfo(
                "contract",
                "3.1",
                "Exercises the whole API.",
                List.of(new ActionDefinition("exercise-host", "Exercise", "Calls every host RPC.", "")));
    }

    @Override
    public void start(Host newHost) {
        this.host = newHost;
    }

    @Override
    public Authorization authorize(AuthorizeRequest request) {
        if (!request.resource().is("asset")) {
            return Authorization.noOpinion();
        }
        AssetInfo asset = host.getAsset(request.resource().id()).orElse(null);
        if (asset == null) {
            return Authorization.noOpinion();
        }
        if (asset.hasTag("secret") && !request.principal().admin()) {
            return Authorization.deny("secret assets are for admins");
        }
        return asset.hasTag("open") ? Authorization.allow("open asset") : Authorization.noOpinion();
    }

    @Override
    public FolderPage listFolder(FolderRequest request) {
        if (!request.path().startsWith("/contract")) {
            throw new Unimplemented();
        }
        return new FolderPage(
                "/contract",
                "Contract page for " + request.principal().name(),
                List.of(new FolderPage.Crumb("/", "Library")),
                List.of(new FolderPage.FolderEntry("/contract/x", "X", "", 0)),
                List.of(),
                List.of(),
                "");
    }

    @Override
    public void onMediaAdded(MediaInfo media, Principal uploader) {
        host.notify(List.of(uploader.userId()), "media-added " + media.id() + " " + media.originalName(), null);
    }

    @Override
    public void onMediaReady(MediaInfo media) {
        host.notify(everyone(), "media-ready " + media.id() + " " + media.status() + " " + media.frameCount(), null);
    }

    @Override
    public void onNoteAdded(NoteInfo note) {
        host.notify(
                List.of(note.authorUserId()),
                "note-added " + note.id() + " " + note.frame(),
                ResourceRef.media(note.mediaId()));
    }

    @Override
    public void onApprovalChanged(ApprovalChange change) {
        host.notify(
                List.of(change.decidedBy().userId()),
                "approval-changed " + change.assetId() + " " + change.versionNumber() + " " + change.status(),
                ResourceRef.asset(change.assetId()));
    }

    private List<String> everyone() {
        return host.listUsers().stream().map(u -> u.id()).toList();
    }

    @Override
    public ActionResult runAction(ActionRequest request) {
        if (!request.actionId().equals("exercise-host")) {
            throw new OrganizerException.NotFound("no action " + request.actionId());
        }
        List<String> failures = new ArrayList<>();
        String me = request.principal().userId();
        String mediaId = request.parameter("mediaId");
        String projectId = request.parameter("projectId");
        String noteId = request.parameter("noteId");

        check(failures, "listMedia", () -> host.listMedia().stream().anyMatch(m -> m.id().equals(mediaId)));
        check(failures, "getMedia", () -> host.getMedia(mediaId).orElseThrow().frameCount() > 0);
        check(failures, "getMedia missing", () -> host.getMedia("no-such-media-id-0000")
                .isEmpty());
        check(failures, "listNotes", () -> host.listNotes(mediaId).stream().anyMatch(n -> n.id().equals(noteId)));
        check(
                failures,
                "getNote",
                () -> host.getNote(noteId).orElseThrow().mediaId().equals(mediaId));
        check(failures, "listProjects", () -> host.listProjects().stream().anyMatch(p -> p.id().equals(projectId)));
        List<Member> members = host.listProjectMembers(projectId);
        check(failures, "listProjectMembers " + members, () -> members.contains(new Member(me, "owner")));
        // Exactly the shared projects where the caller is a member, with the role each membership says.
        List<String> expected = new java.util.ArrayList<>();
        for (var p : host.listProjects()) {
            host.listProjectMembers(p.id()).stream()
                    .filter(m -> m.userId().equals(me))
                    .forEach(m -> expected.add(p.id() + ":" + m.role()));
        }
        List<String> mine = host.listUserProjects(me).stream()
                .map(p -> p.project().id() + ":" + p.role())
                .toList();
        check(
                failures,
                "listUserProjects " + mine + " vs " + expected,
                () -> mine.equals(expected) && mine.contains(projectId + ":owner"));
        check(failures, "listUserProjects of nobody", () -> host.listUserProjects("nobody")
                .isEmpty());
        check(failures, "listUsers", () -> host.listUsers().stream().anyMatch(u -> u.id().equals(me)));
        String home = host.getUserHome(me).id();
        check(failures, "getUserHome stable", () -> host.getUserHome(me).id().equals(home));
        check(failures, "homes not shared", () -> host.listProjects().stream().noneMatch(p -> p.id().equals(home)));
        check(
                failures,
                "getProject home",
                () -> host.getProject(home).orElseThrow().homeUserId().equals(me));
        check(failures, "getProject shared", () -> !host.getProject(projectId)
                .orElseThrow()
                .isHome());
        check(failures, "getProject missing", () -> host.getProject("no-such-project-00000")
                .isEmpty());

        FolderInfo a = host.createFolder(projectId, "", "A");
        FolderInfo b = host.createFolder(projectId, null, "B");
        FolderInfo a1 = host.createFolder(projectId, a.id(), "A1");
        check(failures, "createFolder", () -> a1.parentId().equals(a.id()) && b.position() == 1);
        check(failures, "renameFolder", () -> host.renameFolder(a1.id(), " A-one ")
                .name()
                .equals("A-one"));
        check(
                failures,
                "getFolder",
                () -> host.getFolder(a1.id()).orElseThrow().name().equals("A-one"));
        host.moveFolder(b.id(), "", 0);
        check(failures, "moveFolder reorders", () -> host.listFolders(projectId, "").stream()
                .map(FolderInfo::id)
                .toList()
                .equals(List.of(b.id(), a.id())));
        host.moveFolder(a1.id(), b.id(), 5);
        check(failures, "moveFolder reparents", () -> host.listFolders(projectId, b.id()).stream()
                .map(FolderInfo::id)
                .toList()
                .equals(List.of(a1.id())));
        refused(
                failures,
                "moveFolder into itself",
                OrganizerException.Invalid.class,
                () -> host.moveFolder(b.id(), a1.id(), 0));
        refused(failures, "deleteFolder not empty", OrganizerException.Conflict.class, () -> {
            host.deleteFolder(b.id());
            return null;
        });
        refused(
                failures,
                "createFolder blank",
                OrganizerException.Invalid.class,
                () -> host.createFolder(projectId, "", " "));
        refused(
                failures,
                "getUserHome unknown",
                OrganizerException.NotFound.class,
                () -> host.getUserHome("nobody-at-all-000000"));

        String assetOfMedia = host.getMedia(mediaId).orElseThrow().assetId();
        AssetInfo asset = host.getAsset(assetOfMedia).orElseThrow();
        refused(
                failures,
                "createAsset twice",
                OrganizerException.Conflict.class,
                () -> host.createAsset(projectId, "", "Again", mediaId, me));
        check(failures, "listAssets", () -> host.listAssets(asset.projectId(), asset.folderId()).stream()
                .anyMatch(x -> x.id().equals(asset.id())));
        check(failures, "moveAsset", () -> host.moveAsset(asset.id(), a.id())
                .folderId()
                .equals(a.id()));
        check(failures, "setAssetTags", () -> host.setAssetTags(asset.id(), List.of("Review", "review", "x"))
                .tags()
                .equals(List.of("review", "x")));
        check(failures, "setAssetMetadata", () -> host.setAssetMetadata(asset.id(), Map.of("shot", "010"))
                .metadata()
                .equals(Map.of("shot", "010")));
        check(failures, "getAsset labels", () -> {
            AssetInfo again = host.getAsset(asset.id()).orElseThrow();
            return again.hasTag("review") && Objects.equals(again.metadata().get("shot"), "010");
        });
        check(
                failures,
                "notify",
                () -> host.notify(List.of(me), "hello from contract", ResourceRef.asset(asset.id()))
                                .size()
                        == 1);
        refused(failures, "notify nobody", OrganizerException.Invalid.class, () -> host.notify(List.of(), "x", null));
        check(failures, "startJob", () -> host.startJob("poster", mediaId)
                .state()
                .equals("queued"));
        refused(
                failures,
                "startJob bad kind",
                OrganizerException.Invalid.class,
                () -> host.startJob("teleport", mediaId));
        host.moveFolder(a1.id(), a.id(), 0);
        host.deleteFolder(b.id());
        check(failures, "deleteFolder", () -> host.getFolder(b.id()).isEmpty());
        return ActionResult.done(failures.isEmpty() ? "ok" : "failed: " + String.join("; ", failures));
    }

    private static void check(List<String> failures, String what, Supplier<Boolean> test) {
        try {
            if (!test.get()) {
                failures.add(what);
            }
        } catch (RuntimeException e) {
            failures.add(what + " threw " + e);
        }
    }

    private static void refused(
            List<String> failures, String what, Class<? extends OrganizerException> expected, Supplier<?> call) {
        try {
            call.get();
            failures.add(what + " was not refused");
        } catch (OrganizerException e) {
            if (!expected.isInstance(e)) {
                failures.add(what + " refused with " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
