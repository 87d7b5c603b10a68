package io.framewise.server.organizer;

import io.framewise.organizer.wire.v1.AuthorizeRequest;
import io.framewise.organizer.wire.v1.AuthorizeResponse;
import io.framewise.organizer.wire.v1.ResourceRef;
import io.framewise.server.access.AccessRule;
import io.framewise.server.access.AccessRule.Opinion;
import io.framewise.server.access.Action;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The access rules organizers contribute: one per organizer, asking it through {@code Authorize}.
 * An organizer that claims the hook and cannot answer denies (access fails closed).
 */
final class OrganizerAccess {

    private final OrganizerSettings settings;
    private final OrganizerRuntime runtime;

    OrganizerAccess(OrganizerSettings settings, OrganizerRuntime runtime) {
        this.settings = settings;
        this.runtime = runtime;
    }

    /**
     * One access rule per organizer, in start order; the Authorizer consults them all. A rule takes
     * part while its organizer may claim {@code Authorize} (asked each time: hooks are known only once
     * an organizer answers, and change when it restarts).
     */
    List<AccessRule> rules() {
        return runtime.peers().stream()
                .map(peer -> (AccessRule) new AccessRule() {
                    @Override
                    public Opinion decide(Principal principal, Action action, Resource resource) {
                        return authorize(peer, principal, action, resource);
                    }

                    @Override
                    public boolean takesPart() {
                        return peer.mayAuthorize();
                    }
                })
                .toList();
    }

    Opinion authorize(OrganizerPeer peer, Principal principal, Action action, Resource resource) {
        // Organizers decide about library content; administration and accounts stay with the roles,
        // so a broken organizer can never lock administrators out of seeing and fixing it.
        if (!peer.mayAuthorize() || resource instanceof Resource.Server || resource instanceof Resource.User) {
            return Opinion.none();
        }
        Optional<OrganizerLink> link = peer.link();
        if (link.isEmpty()) {
            return Opinion.deny("organizer " + peer.name() + " decides this and is not running");
        }
        AuthorizeResponse answer;
        try {
            answer = link.get()
                    .stub(settings.authorizeDeadline())
                    .authorize(AuthorizeRequest.newBuilder()
                            .setPrincipal(Proto.principal(principal))
                            .setAction(action.wire())
                            .setResource(ResourceRef.newBuilder()
                                    .setType(resource.type())
                                    .setId(resource.idOrNull() == null ? "" : resource.idOrNull()))
                            .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return Opinion.none();
            }
            peer.callFailed("Authorize: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription());
            return Opinion.deny("organizer " + peer.name() + " could not decide ("
                    + e.getStatus().getCode().name().toLowerCase(Locale.ROOT) + "): denied");
        }
        switch (answer.getVerdict()) {
            case VERDICT_ALLOW -> {
                peer.callSucceeded();
                return Opinion.allow(peer.name() + ": " + answer.getReason());
            }
            case VERDICT_DENY -> {
                peer.callSucceeded();
                return Opinion.deny(peer.name() + ": " + answer.getReason());
            }
            case VERDICT_NO_OPINION -> {
                peer.callSucceeded();
                return Opinion.none();
            }
            default -> {
                peer.callFailed("Authorize answered without a verdict");
                return Opinion.deny("organizer " + peer.name() + " answered without a verdict: denied");
            }
        }
    }
}
