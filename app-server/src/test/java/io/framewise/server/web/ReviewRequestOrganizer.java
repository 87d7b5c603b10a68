package io.framewise.server.web;

import io.framewise.organizer.sdk.ActionDefinition;
import io.framewise.organizer.sdk.ActionRequest;
import io.framewise.organizer.sdk.ActionResult;
import io.framewise.organizer.sdk.AssetInfo;
import io.framewise.organizer.sdk.FolderPage;
import io.framewise.organizer.sdk.FolderRequest;
import io.framewise.organizer.sdk.Host;
import io.framewise.organizer.sdk.Member;
import io.framewise.organizer.sdk.Organizer;
import io.framewise.organizer.sdk.OrganizerException;
import io.framewise.organizer.sdk.OrganizerInfo;
import io.framewise.organizer.sdk.ResourceRef;
import java.util.List;

/**
 * A custom organizer for the library browser test, run as a real external process: it offers a
 * "Request review" action on assets that notifies every member of the asset's project, so the page
 * shows an organizer's own action in its menus and the bell shows what the action posted. It also
 * serves pages of its own under {@code /reviews}, paths the built-in organizer does not know.
 */
public final class ReviewRequestOrganizer implements Organizer {

    static final String LABEL = "Request review";

    private Host host;

    @Override
    public OrganizerInfo info() {
        return new OrganizerInfo(
                "reviews",
                "1.0",
                "Asks a project's members to review an asset.",
                List.of(new ActionDefinition(
                        "request-review",
                        LABEL,
                        "Notifies everyone in the project that this asset needs a look.",
                        "asset")));
    }

    @Override
    public void start(Host newHost) {
        this.host = newHost;
    }

    @Override
    public FolderPage listFolder(FolderRequest request) {
        FolderPage.Crumb library = new FolderPage.Crumb("/", "Library");
        return switch (request.path()) {
            case "/reviews" -> new FolderPage(
                    "/reviews",
                    "Review requests",
                    List.of(library),
                    List.of(new FolderPage.FolderEntry("/reviews/open", "Open requests", "", 0)),
                    List.of(),
                    List.of(),
                    "");
            case "/reviews/open" -> new FolderPage(
                    "/reviews/open",
                    "Open requests",
                    List.of(library, new FolderPage.Crumb("/reviews", "Review requests")),
                    List.of(),
                    List.of(),
                    List.of(),
                    "");
                // Every other path is the built-in organizer's.
            default -> throw new Unimplemented();
        };
    }

    @Override
    public ActionResult runAction(ActionRequest request) {
        if (!request.actionId().equals("request-review")) {
            throw new OrganizerException.NotFound("no action " + request.actionId());
        }
        if (!request.target().is("asset")) {
            throw new OrganizerException.Invalid("Request review applies to an asset");
        }
        AssetInfo asset = host.getAsset(request.target().id())
                .orElseThrow(() -> new OrganizerException.NotFound(
                        "no such asset: " + request.target().id()));
        List<String> people = host.listProjectMembers(asset.projectId()).stream()
                .map(Member::userId)
                .toList();
        String who = request.principal().displayName().isBlank()
                ? request.principal().name()
                : request.principal().displayName();
        host.notify(people, who + " asks you to review " + asset.title(), ResourceRef.asset(asset.id()));
        return ActionResult.done("Asked the project's members to review " + asset.title() + ".");
    }
}
