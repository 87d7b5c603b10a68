package io.framewise.server.organizer;

import io.framewise.organizer.wire.v1.ActionDefinition;
import io.framewise.organizer.wire.v1.Hook;
import io.framewise.organizer.wire.v1.ListFolderRequest;
import io.framewise.organizer.wire.v1.ListFolderResponse;
import io.framewise.organizer.wire.v1.ResourceRef;
import io.framewise.organizer.wire.v1.RunActionRequest;
import io.framewise.organizer.wire.v1.RunActionResponse;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Principal;
import io.framewise.server.http.ApiException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library pages and actions organizers serve: which organizer answers a folder page (falling
 * back to the built-in one when an external one fails), which actions a page offers, and running
 * one. An organizer's deliberate refusal becomes the matching API error.
 */
final class OrganizerPages {

    private static final Logger LOG = LoggerFactory.getLogger(OrganizerPages.class);

    private final OrganizerSettings settings;
    private final OrganizerRuntime runtime;
    private final Authorizer authorizer;

    OrganizerPages(OrganizerSettings settings, OrganizerRuntime runtime, Authorizer authorizer) {
        this.settings = settings;
        this.runtime = runtime;
        this.authorizer = authorizer;
    }

    /** A folder page and the organizer that made it. */
    record Page(String organizer, ListFolderResponse page, List<PageAction> actions) {}

    /** An action offered on a page, with the organizer that runs it. */
    record PageAction(String organizer, ActionDefinition action) {}

    /**
     * The page for a folder path: from the last external organizer claiming {@code ListFolder}
     * that answers, else from the built-in folders organizer. Actions of every running organizer
     * that claims {@code RunAction} are added.
     */
    Page folderPage(Principal principal, String path, int pageSize, String pageToken) {
        ListFolderRequest request = ListFolderRequest.newBuilder()
                .setPrincipal(Proto.principal(principal))
                .setPath(path)
                .setPageSize(pageSize)
                .setPageToken(pageToken)
                .build();
        List<OrganizerPeer> sources = new ArrayList<>(runtime.externals());
        Collections.reverse(sources);
        sources.add(runtime.builtIn());
        for (OrganizerPeer peer : sources) {
            Optional<OrganizerLink> link = peer.link().filter(l -> l.claims(Hook.HOOK_LIST_FOLDER));
            if (link.isEmpty()) {
                continue;
            }
            ListFolderResponse page;
            try {
                page = link.get().stub(settings.callDeadline()).listFolder(request);
            } catch (StatusRuntimeException e) {
                Optional<ApiException> refusal = refusal(e.getStatus(), peer.name());
                if (refusal.isPresent()) {
                    peer.callSucceeded();
                    throw refusal.get();
                }
                if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                    peer.callFailed("ListFolder: " + e.getStatus().getCode() + " "
                            + e.getStatus().getDescription());
                    LOG.warn("organizer {} failed a folder page ({}); using the next", peer.name(), e.getStatus());
                }
                continue;
            }
            if (page.getPath().isEmpty() || !page.getPath().startsWith("/")) {
                peer.callFailed("ListFolder answered a page without a path");
                continue;
            }
            peer.callSucceeded();
            List<PageAction> actions = new ArrayList<>();
            page.getActionsList().forEach(a -> actions.add(new PageAction(peer.name(), a)));
            for (OrganizerPeer other : runtime.peers()) {
                if (other != peer) {
                    other.link().filter(l -> l.claims(Hook.HOOK_RUN_ACTION)).ifPresent(l -> l.info()
                            .getActionsList()
                            .forEach(a -> actions.add(new PageAction(other.name(), a))));
                }
            }
            return new Page(peer.name(), page, actions);
        }
        throw new ApiException.Unavailable("no organizer could list " + path, Map.of("path", path));
    }

    /** Of a page's assets, those the caller may open: roles and every organizer's rule decide, as on each asset's route. */
    java.util.Set<String> viewable(Principal principal, List<String> assetIds) {
        return authorizer.viewableAssets(principal, assetIds);
    }

    /** Runs an organizer's action for a user. */
    RunActionResponse runAction(
            Principal principal,
            String organizer,
            String actionId,
            ResourceRef target,
            String path,
            Map<String, String> parameters) {
        OrganizerPeer peer = runtime.peers().stream()
                .filter(p -> p.name().equals(organizer))
                .findFirst()
                .orElseThrow(() -> new ApiException.NotFound("no such organizer: " + organizer));
        OrganizerLink link = peer.link()
                .orElseThrow(() -> new ApiException.Unavailable(
                        "organizer " + organizer + " is not running", Map.of("organizer", organizer)));
        if (!link.claims(Hook.HOOK_RUN_ACTION)) {
            throw new ApiException.NotFound("organizer " + organizer + " has no actions");
        }
        try {
            RunActionResponse response = link.stub(settings.callDeadline())
                    .runAction(RunActionRequest.newBuilder()
                            .setPrincipal(Proto.principal(principal))
                            .setActionId(actionId)
                            .setTarget(target)
                            .setPath(path)
                            .putAllParameters(parameters)
                            .build());
            peer.callSucceeded();
            return response;
        } catch (StatusRuntimeException e) {
            Optional<ApiException> refusal = refusal(e.getStatus(), organizer);
            if (refusal.isPresent()) {
                peer.callSucceeded();
                throw refusal.get();
            }
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                throw new ApiException.NotFound("organizer " + organizer + " has no action " + actionId);
            }
            peer.callFailed("RunAction: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription());
            throw new ApiException.Unavailable(
                    "organizer " + organizer + " did not complete the action ("
                            + e.getStatus().getCode().name().toLowerCase(Locale.ROOT) + ")",
                    Map.of("organizer", organizer));
        }
    }

    /** An organizer's deliberate refusal as the HTTP answer; empty for failures and UNIMPLEMENTED. */
    private static Optional<ApiException> refusal(Status status, String organizer) {
        String message = status.getDescription() == null ? organizer + " refused" : status.getDescription();
        return switch (status.getCode()) {
            case NOT_FOUND -> Optional.of(new ApiException.NotFound(message));
            case INVALID_ARGUMENT -> Optional.of(new ApiException.Invalid(message));
            case PERMISSION_DENIED -> Optional.of(new ApiException.Forbidden(message));
            case FAILED_PRECONDITION, ALREADY_EXISTS -> Optional.of(new ApiException.Conflict(message, Map.of()));
            default -> Optional.empty();
        };
    }
}
