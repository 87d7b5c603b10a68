package io.framewise.server.notifications;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.http.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Who may register, see and remove webhooks: administrators for every project, a project's owners
 * for that project's events only. Someone else's webhook answers as if it did not exist.
 */
public final class WebhookService {

    static final int MAX_URL = 2000;

    private final JooqWebhooks webhooks;
    private final JooqOutbox outbox;
    private final Permissions permissions;
    private final SecureRandom random = new SecureRandom();

    public WebhookService(JooqWebhooks webhooks, JooqOutbox outbox, Permissions permissions) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.permissions = permissions;
    }

    public List<Webhook> list(Caller caller) {
        return webhooks.list().stream().filter(w -> visible(caller, w)).toList();
    }

    /** Registers a webhook; the answer is the only time its secret is shown. */
    public Webhook create(Caller caller, String url, String projectId, List<String> kinds) {
        boolean admin = isAdmin(caller);
        if (projectId == null) {
            if (!admin) {
                throw new ApiException.Forbidden(
                        "Only administrators register webhooks for every project: name your projectId.",
                        Map.of("field", "projectId"));
            }
        } else {
            permissions.requireReferenced(
                    caller, Action.PROJECT_MEMBERS_MANAGE, new Resource.Project(projectId), "projectId");
        }
        URI checked = checkUrl(url, admin);
        if (kinds == null || kinds.isEmpty()) {
            throw invalid("kinds must name at least one event: " + String.join(", ", WebhookEvents.KINDS), "kinds");
        }
        for (String kind : kinds) {
            if (kind == null || !WebhookEvents.KINDS.contains(kind)) {
                throw invalid(
                        "unknown event kind '" + NotificationKind.shorten(kind) + "': use "
                                + String.join(", ", WebhookEvents.KINDS),
                        "kinds");
            }
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        Webhook hook = webhooks.create(
                checked.toString(),
                HexFormat.of().formatHex(key),
                projectId,
                List.copyOf(new LinkedHashSet<>(kinds)),
                caller.person().userId());
        permissions.audit(
                caller,
                "webhook.created",
                projectId == null ? Resource.SERVER : new Resource.Project(projectId),
                AuditOutcome.SUCCESS,
                Map.of("webhookId", hook.id(), "url", hook.url()));
        return hook;
    }

    public void delete(Caller caller, String id) {
        Webhook hook = visibleOrNotFound(caller, id);
        webhooks.delete(hook.id());
        permissions.audit(
                caller,
                "webhook.deleted",
                hook.projectId() == null ? Resource.SERVER : new Resource.Project(hook.projectId()),
                AuditOutcome.SUCCESS,
                Map.of("webhookId", hook.id(), "url", hook.url()));
    }

    public List<OutboxEntry> deliveries(Caller caller, String id, int limit) {
        return outbox.ofWebhook(visibleOrNotFound(caller, id).id(), limit);
    }

    private Webhook visibleOrNotFound(Caller caller, String id) {
        return webhooks.get(id)
                .filter(w -> visible(caller, w))
                .orElseThrow(() -> new ApiException.NotFound("no such webhook: " + id, Map.of("type", "webhook")));
    }

    private boolean visible(Caller caller, Webhook w) {
        if (isAdmin(caller)) {
            return true;
        }
        return w.projectId() != null
                && permissions
                        .authorizer()
                        .decide(caller.principal(), Action.PROJECT_MEMBERS_MANAGE, new Resource.Project(w.projectId()))
                        .allowed();
    }

    private static boolean isAdmin(Caller caller) {
        return caller.principal() instanceof Principal.Person p && p.admin();
    }

    /**
     * An absolute http(s) URL without user info or fragment. Project owners may not point the server
     * at itself or at link-local addresses (cloud metadata services); administrators, who run the
     * machine anyway, may.
     */
    static URI checkUrl(String url, boolean admin) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw invalid("url must be an http:// or https:// address of at most " + MAX_URL + " characters", "url");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("url is not a URL: " + e.getReason(), "url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("url must start with http:// or https://", "url");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid("url needs a host name and no user name or #fragment", "url");
        }
        if (!admin) {
            try {
                for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
                        throw invalid("url may not point at this server or a link-local address", "url");
                    }
                }
            } catch (UnknownHostException e) {
                throw invalid("url names a host that does not resolve: " + uri.getHost(), "url");
            }
        }
        return uri;
    }

    private static ApiException.Invalid invalid(String message, String field) {
        return new ApiException.Invalid(message, Map.of("field", field));
    }
}
