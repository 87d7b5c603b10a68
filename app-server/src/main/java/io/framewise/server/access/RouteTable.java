package io.framewise.server.access;

import io.javalin.http.HandlerType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every API route of the product and what it needs, in one table. {@link AccessFilter} refuses to
 * start a server with an {@code /api/} route that is missing here, and the access-control matrix
 * test walks this table, so a route cannot be added without deciding who may call it.
 */
public final class RouteTable {

    private final Map<String, RouteRule> rules = new LinkedHashMap<>();

    /** The product's routes. */
    public static RouteTable product() {
        RouteTable t = new RouteTable();
        // Server facts and sign-in.
        t.add(HandlerType.GET, "/api/health", RouteRule.open());
        // Load balancers ask whether a node can serve (database answers, data folder writable).
        t.add(HandlerType.GET, "/api/health/ready", RouteRule.open());
        // Administrators; a Prometheus scraper's metrics token is checked before this (ops.MetricsFeature).
        t.add(HandlerType.GET, "/api/metrics", RouteRule.server(Action.METRICS_READ));
        t.add(HandlerType.GET, "/api/openapi.json", RouteRule.open());
        t.add(HandlerType.GET, "/api/auth/config", RouteRule.open());
        t.add(HandlerType.POST, "/api/auth/login", RouteRule.open());
        t.add(HandlerType.POST, "/api/auth/logout", RouteRule.open());
        // The caller's own account and tokens (handlers only ever touch the caller's own).
        t.add(HandlerType.GET, "/api/me", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/me/password", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/me/sign-out-everywhere", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/tokens", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/tokens", RouteRule.server(Action.SELF));
        t.add(HandlerType.DELETE, "/api/tokens/{id}", RouteRule.server(Action.SELF));
        // Administration.
        t.add(HandlerType.GET, "/api/admin/users", RouteRule.server(Action.USERS_ADMIN));
        t.add(HandlerType.POST, "/api/admin/users", RouteRule.server(Action.USERS_ADMIN));
        t.add(HandlerType.PATCH, "/api/admin/users/{id}", RouteRule.user(Action.USERS_ADMIN));
        t.add(HandlerType.DELETE, "/api/admin/users/{id}", RouteRule.user(Action.USERS_ADMIN));
        t.add(HandlerType.GET, "/api/admin/audit", RouteRule.server(Action.AUDIT_READ));
        // Library.
        t.add(HandlerType.GET, "/api/projects", RouteRule.server(Action.PROJECT_LIST));
        t.add(HandlerType.POST, "/api/projects", RouteRule.server(Action.PROJECT_CREATE));
        t.add(HandlerType.GET, "/api/projects/{id}/assets", RouteRule.project(Action.PROJECT_VIEW));
        t.add(HandlerType.GET, "/api/projects/{id}/members", RouteRule.project(Action.PROJECT_MEMBERS_VIEW));
        t.add(HandlerType.PUT, "/api/projects/{id}/members", RouteRule.project(Action.PROJECT_MEMBERS_MANAGE));
        // The media and the project are in the body: the handler asks for MEDIA_FILE on the media
        // (rights where it is now) and ASSET_CREATE on the project (rights where it goes).
        t.add(HandlerType.POST, "/api/assets", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/assets/{id}", RouteRule.asset(Action.ASSET_VIEW));
        // The handler asks for MEDIA_FILE on the media named in the body as well.
        t.add(HandlerType.POST, "/api/assets/{id}/versions", RouteRule.asset(Action.VERSION_ADD));
        t.add(HandlerType.PUT, "/api/assets/{id}/versions/{number}/approval", RouteRule.asset(Action.APPROVAL_SET));
        // Media.
        t.add(HandlerType.GET, "/api/media", RouteRule.server(Action.MEDIA_LIST));
        t.add(HandlerType.POST, "/api/media", RouteRule.server(Action.MEDIA_UPLOAD));
        t.add(HandlerType.GET, "/api/media/{id}", RouteRule.media(Action.MEDIA_VIEW));
        t.add(HandlerType.DELETE, "/api/media/{id}", RouteRule.media(Action.MEDIA_DELETE));
        for (String sub :
                new String[] {"stream", "frames/{n}", "poster", "sprites", "sprites.json", "waveform.json", "framemap"
                }) {
            t.add(HandlerType.GET, "/api/media/{id}/" + sub, RouteRule.media(Action.MEDIA_VIEW));
        }
        t.add(HandlerType.HEAD, "/api/media/{id}/stream", RouteRule.media(Action.MEDIA_VIEW));
        // Clips: the handler also asks for VERSION_ADD on an asVersionOf asset and checks the template.
        t.add(HandlerType.POST, "/api/media/{id}/clips", RouteRule.media(Action.CLIP_CREATE));
        // Who may download is decided in one place (clips.Downloads); the rule is the floor.
        t.add(HandlerType.GET, "/api/media/{id}/download", RouteRule.media(Action.MEDIA_DOWNLOAD));
        // The review report: the handler also asks for NOTE_VIEW on the media.
        t.add(HandlerType.GET, "/api/media/{id}/report.pdf", RouteRule.media(Action.MEDIA_VIEW));
        // Adaptive streaming (HLS) of long media: the master playlist, then each rendition's files.
        t.add(HandlerType.GET, "/api/media/{id}/hls/master.m3u8", RouteRule.media(Action.MEDIA_VIEW));
        t.add(HandlerType.GET, "/api/media/{id}/hls/{rendition}/{file}", RouteRule.media(Action.MEDIA_VIEW));
        // Subtitle tracks: whoever views the media reads them (guests of a link too); editors add and remove.
        t.add(HandlerType.GET, "/api/media/{id}/subtitles", RouteRule.media(Action.MEDIA_VIEW));
        t.add(HandlerType.POST, "/api/media/{id}/subtitles", RouteRule.media(Action.SUBTITLE_MANAGE));
        t.add(HandlerType.GET, "/api/media/{id}/subtitles/search", RouteRule.media(Action.MEDIA_VIEW));
        t.add(HandlerType.GET, "/api/media/{id}/subtitles/{sid}.vtt", RouteRule.media(Action.MEDIA_VIEW));
        t.add(HandlerType.GET, "/api/media/{id}/subtitles/{sid}/cues", RouteRule.media(Action.MEDIA_VIEW));
        t.add(HandlerType.DELETE, "/api/media/{id}/subtitles/{sid}", RouteRule.media(Action.SUBTITLE_MANAGE));
        // Suggested scene markers: viewers see them; whoever may add notes accepts or dismisses them.
        t.add(HandlerType.GET, "/api/media/{id}/scene-cuts", RouteRule.media(Action.MEDIA_VIEW));
        t.add(HandlerType.POST, "/api/media/{id}/scene-cuts/accept-all", RouteRule.media(Action.NOTE_CREATE));
        t.add(HandlerType.POST, "/api/media/{id}/scene-cuts/{cutId}/accept", RouteRule.media(Action.NOTE_CREATE));
        t.add(HandlerType.DELETE, "/api/media/{id}/scene-cuts/{cutId}", RouteRule.media(Action.NOTE_CREATE));
        for (HandlerType method : new HandlerType[] {
            HandlerType.POST, HandlerType.HEAD, HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS
        }) {
            t.add(method, "/api/tus", RouteRule.server(Action.MEDIA_UPLOAD));
            t.add(method, "/api/tus/{id}", RouteRule.server(Action.MEDIA_UPLOAD));
        }
        // Notes: editing text and resolving need different rights; the handler asks for the one it does.
        t.add(HandlerType.GET, "/api/media/{id}/comments", RouteRule.media(Action.NOTE_VIEW));
        t.add(HandlerType.POST, "/api/media/{id}/comments", RouteRule.media(Action.NOTE_CREATE));
        // Importing an EDL or marker file writes notes: the same right as writing one by hand.
        t.add(HandlerType.POST, "/api/media/{id}/edl", RouteRule.media(Action.NOTE_CREATE));
        t.add(HandlerType.PATCH, "/api/comments/{id}", RouteRule.note(Action.NOTE_VIEW));
        t.add(HandlerType.DELETE, "/api/comments/{id}", RouteRule.note(Action.NOTE_DELETE));
        // Notes out as a marker file: whoever reads the notes (a guest only through a link that shows them).
        t.add(HandlerType.GET, "/api/media/{id}/markers", RouteRule.media(Action.NOTE_VIEW));
        // A note's attachment (an imported drawing) is read by whoever may read the note.
        t.add(HandlerType.GET, "/api/comments/{id}/attachments/{attachmentId}", RouteRule.note(Action.NOTE_VIEW));
        // Organizers: pages and actions are for anyone signed in; the organizer decides what each shows
        // and allows, and pages leave out assets the caller may not open.
        t.add(HandlerType.GET, "/api/folders", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/actions", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/notifications", RouteRule.server(Action.SELF));
        // The home page shows each person what SQL finds for them; the position is theirs on media they see.
        t.add(HandlerType.GET, "/api/home", RouteRule.server(Action.SELF));
        t.add(HandlerType.PUT, "/api/media/{id}/position", RouteRule.media(Action.MEDIA_VIEW));
        t.add(HandlerType.POST, "/api/notifications/{id}/read", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/admin/organizers", RouteRule.server(Action.USERS_ADMIN));
        // People get told: each person's own settings; webhooks are decided in the handler (administrators
        // for any project, owners for theirs, anyone else's answer 404); review requests name people who
        // must see the asset, and each person lists only their own.
        t.add(HandlerType.GET, "/api/me/notification-settings", RouteRule.server(Action.SELF));
        t.add(HandlerType.PUT, "/api/me/notification-settings", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/webhooks", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/webhooks", RouteRule.server(Action.SELF));
        t.add(HandlerType.DELETE, "/api/webhooks/{id}", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/webhooks/{id}/deliveries", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/assets/{id}/review-requests", RouteRule.asset(Action.APPROVAL_SET));
        t.add(HandlerType.GET, "/api/review-requests", RouteRule.server(Action.SELF));
        // Who a note may mention: the people who may see the media, for whoever may write a note on it.
        t.add(HandlerType.GET, "/api/media/{id}/mentionable", RouteRule.media(Action.NOTE_CREATE));
        t.add(HandlerType.GET, "/api/assets/{id}/tags", RouteRule.asset(Action.ASSET_VIEW));
        // Tagging changes the asset the way adding a version does: editors and owners.
        t.add(HandlerType.PUT, "/api/assets/{id}/tags", RouteRule.asset(Action.VERSION_ADD));
        // Clip templates: the handlers decide on the template's project (or the server for global ones),
        // and on the media a preview shows.
        t.add(HandlerType.GET, "/api/templates", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/templates", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/templates/{id}", RouteRule.server(Action.SELF));
        t.add(HandlerType.PUT, "/api/templates/{id}", RouteRule.server(Action.SELF));
        t.add(HandlerType.DELETE, "/api/templates/{id}", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/templates/{id}/preview", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/templates/preview", RouteRule.server(Action.SELF));
        // Uploading files for templates needs what uploading media needs: the editor role somewhere.
        t.add(HandlerType.POST, "/api/templates/files", RouteRule.server(Action.MEDIA_UPLOAD));
        // Share links: the target is in the body or the stored link; the service asks for SHARE_MANAGE on it.
        t.add(HandlerType.GET, "/api/shares", RouteRule.server(Action.SELF));
        t.add(HandlerType.POST, "/api/shares", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/shares/{id}", RouteRule.server(Action.SELF));
        t.add(HandlerType.PATCH, "/api/shares/{id}", RouteRule.server(Action.SELF));
        t.add(HandlerType.DELETE, "/api/shares/{id}", RouteRule.server(Action.SELF));
        t.add(HandlerType.GET, "/api/shares/{id}/analytics", RouteRule.server(Action.SELF));
        // Guests: a link's first screen and opening it need only its token; the rest a guest session.
        t.add(HandlerType.GET, "/api/guest/links/{token}", RouteRule.open());
        t.add(HandlerType.POST, "/api/guest/sessions", RouteRule.open());
        t.add(HandlerType.GET, "/api/guest/view", RouteRule.server(Action.GUEST_SESSION));
        t.add(HandlerType.POST, "/api/guest/heartbeat", RouteRule.server(Action.GUEST_SESSION));
        // The WebSocket upgrade; each message is then authorized on its own (WsGateway).
        t.add(HandlerType.GET, "/api/ws", RouteRule.server(Action.EVENTS_SUBSCRIBE));
        return t;
    }

    /** Adds (or replaces) the rule of a route; features outside the core add theirs this way. */
    public RouteTable add(HandlerType method, String path, RouteRule rule) {
        rules.put(key(method, path), rule);
        return this;
    }

    public Optional<RouteRule> find(HandlerType method, String path) {
        return Optional.ofNullable(rules.get(key(method, path)));
    }

    /** Every route with its rule, keyed {@code "METHOD path"}. */
    public Map<String, RouteRule> all() {
        return Collections.unmodifiableMap(rules);
    }

    private static String key(HandlerType method, String path) {
        return method.name() + " " + path;
    }
}
