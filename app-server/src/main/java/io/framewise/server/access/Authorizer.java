package io.framewise.server.access;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authorization point: every HTTP route (through {@link AccessFilter}) and every WebSocket
 * message asks here, with (principal, action, resource). The role policy answers first; then every
 * {@link AccessRule} (organizer plugins) may deny or allow on top. A denial by a rule on something
 * that can be hidden (a project, asset, media item or note) answers as if it did not exist.
 */
public final class Authorizer {

    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);

    private final RolePolicy policy;
    private final List<AccessRule> rules = new CopyOnWriteArrayList<>();

    public Authorizer(AccessFacts facts) {
        this.policy = new RolePolicy(facts);
    }

    /** Adds a voice on top of the roles (an organizer plugin's Authorize hook). */
    public void addRule(AccessRule rule) {
        rules.add(rule);
    }

    public void removeRule(AccessRule rule) {
        rules.remove(rule);
    }

    public Decision decide(Principal principal, Action action, Resource resource) {
        Decision base = policy.decide(principal, action, resource);
        if (rules.isEmpty() || action == Action.PUBLIC || base.outcome() == Decision.Outcome.UNAUTHENTICATED) {
            return base;
        }
        Decision granted = null;
        for (AccessRule rule : rules) {
            AccessRule.Opinion opinion;
            try {
                opinion = rule.decide(principal, action, resource);
            } catch (RuntimeException e) {
                // A rule that cannot answer fails closed.
                LOG.warn("An access rule failed on {} {}; denying", action.wire(), resource, e);
                opinion = AccessRule.Opinion.deny("an access rule could not answer");
            }
            if (opinion == null || opinion.verdict() == AccessRule.Opinion.Verdict.NO_OPINION) {
                continue;
            }
            if (opinion.verdict() == AccessRule.Opinion.Verdict.DENY) {
                return hideable(resource)
                        ? Decision.hidden(opinion.reason())
                        : Decision.deny(opinion.reason().isEmpty() ? "not allowed" : opinion.reason());
            }
            // A guest sees what the link shows and no more: rules may narrow that, never widen it.
            if (!(principal instanceof Principal.Guest)) {
                granted = Decision.allow(opinion.reason());
            }
        }
        return granted != null ? granted : base;
    }

    /**
     * Whether the role policy alone decides, no rule (organizer) taking part: then which media items
     * a person sees is the policy's rule that a query can state ({@code media.MediaScope}), and lists
     * may leave the deciding to the database instead of asking here item by item.
     */
    public boolean rolesAlone() {
        return rules.stream().noneMatch(AccessRule::takesPart);
    }

    /**
     * Of these assets, those the principal may view (a folder page's): asked of the role policy once
     * for the page when the roles alone decide, else decided asset by asset with every rule.
     */
    public Set<String> viewableAssets(Principal principal, Collection<String> assetIds) {
        if (rolesAlone() && principal instanceof Principal.Person person) {
            return policy.viewableAssets(person, assetIds);
        }
        Set<String> out = new HashSet<>();
        for (String id : assetIds) {
            if (decide(principal, Action.ASSET_VIEW, new Resource.Asset(id)).allowed()) {
                out.add(id);
            }
        }
        return out;
    }

    /** Whether the person may see the media item (used to filter lists and events). */
    public boolean canSee(Principal principal, String mediaId) {
        return decide(principal, Action.MEDIA_VIEW, new Resource.Media(mediaId)).allowed();
    }

    private static boolean hideable(Resource resource) {
        return resource instanceof Resource.Project
                || resource instanceof Resource.Asset
                || resource instanceof Resource.Media
                || resource instanceof Resource.Note;
    }
}
