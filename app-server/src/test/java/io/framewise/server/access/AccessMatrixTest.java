package io.framewise.server.access;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.EXPIRED_SESSION;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.OWNER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.REVOKED_TOKEN;
import static io.framewise.server.testing.AccessWorld.Who.UPLOADER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.scenes.SuggestedCuts;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every API route times everyone a request can come from, with the answer each must get. The routes
 * come from the route table the server enforces ({@link RouteTable#product()}), and the server
 * refuses to start with an API route the table lacks; so a new route without a rule, or a rule
 * without a row here, fails the build.
 *
 * <p>"Allowed" answers are the handler's own (201 for a creation, 404 from tus for an upload id
 * that does not exist); the access answers are 401 (nobody, revoked token, expired session), 403
 * (signed in, not allowed) and 404 (a project member's things seen by an outsider).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    private AccessWorld world;
    private final AtomicInteger counter = new AtomicInteger();

    /** One route called by one person: how to make the request (fresh resources per call). */
    @FunctionalInterface
    interface Request {
        HttpResponse<String> send(Who who) throws Exception;
    }

    record Row(String route, Request request, Map<Who, Integer> expected) {}

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    // Who gets what, by the kind of rule. Unlisted people get 401 (they are not signed in).
    private static Map<Who, Integer> open(int ok) {
        return expect(ok, ok, ok, ok, ok, ok, 401, ok);
    }

    private static Map<Who, Integer> signedIn(int ok) {
        return expect(ok, ok, ok, ok, ok, 401, 401, 401);
    }

    private static Map<Who, Integer> adminOnly(int ok) {
        return expect(ok, 403, 403, 403, 403, 401, 401, 401);
    }

    private static Map<Who, Integer> members(int ok) {
        return expect(ok, ok, ok, ok, 404, 401, 401, 401);
    }

    private static Map<Who, Integer> reviewers(int ok) {
        return expect(ok, ok, ok, 403, 404, 401, 401, 401);
    }

    private static Map<Who, Integer> editors(int ok) {
        return expect(ok, ok, 403, 403, 404, 401, 401, 401);
    }

    private static Map<Who, Integer> uploaders(int ok) {
        return expect(ok, ok, 403, 403, 403, 401, 401, 401);
    }

    private static Map<Who, Integer> expect(
            int admin, int editor, int reviewer, int viewer, int outsider, int anonymous, int revoked, int expired) {
        Map<Who, Integer> m = new EnumMap<>(Who.class);
        m.put(ADMIN, admin);
        m.put(EDITOR, editor);
        m.put(REVIEWER, reviewer);
        m.put(VIEWER, viewer);
        m.put(OUTSIDER, outsider);
        m.put(ANONYMOUS, anonymous);
        m.put(REVOKED_TOKEN, revoked);
        m.put(EXPIRED_SESSION, expired);
        return m;
    }

    private Request plain(String method, String path, String body) {
        return who -> world.call(who, method, path, body);
    }

    /** A new webhook registered by an admin; its id. */
    private String webhookOf(String body) {
        try {
            return AccessWorld.json(world.call(ADMIN, "POST", "/api/webhooks", body), 201)
                    .get("id")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new template made by an admin; its id. */
    private String templateOf(String body) {
        try {
            return AccessWorld.json(world.call(ADMIN, "POST", "/api/templates", body), 201)
                    .get("id")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new sidecar subtitle track uploaded by an admin; its id. */
    private String sidecar(String mediaId, String vtt) {
        try {
            return AccessWorld.json(
                            world.call(
                                    ADMIN,
                                    "POST",
                                    "/api/media/" + mediaId + "/subtitles",
                                    vtt,
                                    Map.of("Content-Type", "text/vtt")),
                            201)
                    .get("id")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Request tus(String method, String path, Map<String, String> headers) {
        return who -> world.call(who, method, path, method.equals("PATCH") ? "" : null, headers);
    }

    private List<Row> rows() throws Exception {
        String m = world.mediaId;
        String p = world.projectId;
        String a = world.assetId;
        String nobody = "AAAAAAAAAAAAAAAAAAAAAA";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("GET /api/health", plain("GET", "/api/health", null), open(200)));
        rows.add(new Row("GET /api/health/ready", plain("GET", "/api/health/ready", null), open(200)));
        rows.add(new Row("GET /api/metrics", plain("GET", "/api/metrics", null), adminOnly(200)));
        rows.add(new Row("GET /api/openapi.json", plain("GET", "/api/openapi.json", null), open(200)));
        rows.add(new Row("GET /api/auth/config", plain("GET", "/api/auth/config", null), open(200)));
        rows.add(new Row(
                "POST /api/auth/login",
                plain(
                        "POST",
                        "/api/auth/login",
                        "{\"username\":\"viewer\",\"password\":\"" + AccessWorld.PASSWORD + "\"}"),
                open(200)));
        rows.add(new Row("POST /api/auth/logout", plain("POST", "/api/auth/logout", null), open(204)));
        rows.add(new Row("GET /api/me", plain("GET", "/api/me", null), signedIn(200)));
        rows.add(new Row(
                "POST /api/me/password",
                plain(
                        "POST",
                        "/api/me/password",
                        "{\"currentPassword\":\"" + AccessWorld.PASSWORD + "\",\"newPassword\":\""
                                + AccessWorld.PASSWORD + "\"}"),
                signedIn(204)));
        // Signing out everywhere would end the world's own tokens: signed-in people call it with a
        // fresh account of their kind; the others with their own (failing) credentials.
        rows.add(new Row(
                "POST /api/me/sign-out-everywhere",
                who -> {
                    if (!world.userIds.containsKey(who)) {
                        return world.call(who, "POST", "/api/me/sign-out-everywhere", null);
                    }
                    String id = world.server
                            .repositories()
                            .accounts()
                            .create("leaver" + counter.incrementAndGet(), AccessWorld.PASSWORD, who == ADMIN)
                            .id();
                    String token = world.server.tokens().issue(id, "t", null).token();
                    return world.call(
                            ANONYMOUS,
                            "POST",
                            "/api/me/sign-out-everywhere",
                            null,
                            Map.of("Authorization", "Bearer " + token));
                },
                signedIn(200)));
        rows.add(new Row("GET /api/tokens", plain("GET", "/api/tokens", null), signedIn(200)));
        rows.add(new Row("POST /api/tokens", plain("POST", "/api/tokens", "{\"name\":\"script\"}"), signedIn(201)));
        // Someone else's (here: nobody's) token id: 404 to everyone signed in.
        rows.add(new Row("DELETE /api/tokens/{id}", plain("DELETE", "/api/tokens/" + nobody, null), signedIn(404)));
        rows.add(new Row("GET /api/admin/users", plain("GET", "/api/admin/users", null), adminOnly(200)));
        rows.add(new Row(
                "POST /api/admin/users",
                who -> world.call(
                        who,
                        "POST",
                        "/api/admin/users",
                        "{\"name\":\"new" + counter.incrementAndGet() + "\",\"password\":\"" + AccessWorld.PASSWORD
                                + "\"}"),
                adminOnly(201)));
        rows.add(new Row(
                "PATCH /api/admin/users/{id}",
                plain("PATCH", "/api/admin/users/" + world.userIds.get(OUTSIDER), "{\"displayName\":\"Out Sider\"}"),
                adminOnly(200)));
        rows.add(new Row(
                "DELETE /api/admin/users/{id}",
                who -> {
                    String id = world.server
                            .repositories()
                            .accounts()
                            .create("gone" + counter.incrementAndGet(), AccessWorld.PASSWORD, false)
                            .id();
                    return world.call(who, "DELETE", "/api/admin/users/" + id, null);
                },
                adminOnly(204)));
        rows.add(new Row("GET /api/admin/audit", plain("GET", "/api/admin/audit?limit=5", null), adminOnly(200)));
        rows.add(new Row("GET /api/projects", plain("GET", "/api/projects", null), signedIn(200)));
        rows.add(new Row(
                "POST /api/projects",
                who -> world.call(who, "POST", "/api/projects", "{\"name\":\"P" + counter.incrementAndGet() + "\"}"),
                adminOnly(201)));
        rows.add(new Row(
                "GET /api/projects/{id}/assets", plain("GET", "/api/projects/" + p + "/assets", null), members(200)));
        rows.add(new Row(
                "GET /api/projects/{id}/members", plain("GET", "/api/projects/" + p + "/members", null), members(200)));
        rows.add(new Row(
                "PUT /api/projects/{id}/members",
                plain(
                        "PUT",
                        "/api/projects/" + p + "/members",
                        "[{\"userId\":\"" + world.userIds.get(ADMIN) + "\",\"role\":\"owner\"},"
                                + "{\"userId\":\"" + world.userIds.get(EDITOR) + "\",\"role\":\"editor\"},"
                                + "{\"userId\":\"" + world.userIds.get(REVIEWER) + "\",\"role\":\"reviewer\"},"
                                + "{\"userId\":\"" + world.userIds.get(VIEWER) + "\",\"role\":\"viewer\"}]"),
                expect(200, 403, 403, 403, 404, 401, 401, 401)));
        // The project is in the body: editors of it may file their own fresh uploads into it (the
        // filing matrix below goes through every kind of media and person).
        rows.add(new Row(
                "POST /api/assets",
                who -> world.file(who, p, world.unfiledMedia(world.userIds.containsKey(who) ? who : EDITOR)),
                // Outsiders do not see the project they name: refused as an invalid field (422).
                expect(201, 201, 403, 403, 422, 401, 401, 401)));
        rows.add(new Row("GET /api/assets/{id}", plain("GET", "/api/assets/" + a, null), members(200)));
        rows.add(new Row(
                "POST /api/assets/{id}/versions",
                who -> world.call(
                        who,
                        "POST",
                        "/api/assets/" + a + "/versions",
                        "{\"mediaId\":\"" + world.unfiledMedia(world.userIds.containsKey(who) ? who : EDITOR) + "\"}"),
                editors(201)));
        rows.add(new Row(
                "PUT /api/assets/{id}/versions/{number}/approval",
                plain("PUT", "/api/assets/" + a + "/versions/1/approval", "{\"status\":\"approved\"}"),
                reviewers(200)));
        // Organizers: pages and actions for anyone signed in (the organizer decides what they show).
        rows.add(new Row("GET /api/folders", plain("GET", "/api/folders?path=/", null), signedIn(200)));
        rows.add(new Row(
                "POST /api/actions",
                // Organising a project's folders is for its owners and editors (the folders organizer
                // decides); outsiders do not see the project at all.
                plain(
                        "POST",
                        "/api/actions",
                        "{\"organizer\":\"folders\",\"action\":\"create-folder\",\"path\":\"/projects/" + p
                                + "\",\"parameters\":{\"name\":\"Cuts\"}}"),
                editors(200)));
        rows.add(new Row("GET /api/notifications", plain("GET", "/api/notifications", null), signedIn(200)));
        rows.add(new Row("GET /api/home", plain("GET", "/api/home", null), signedIn(200)));
        rows.add(new Row(
                "POST /api/notifications/{id}/read",
                plain("POST", "/api/notifications/" + nobody + "/read", null),
                signedIn(404)));
        rows.add(new Row("GET /api/admin/organizers", plain("GET", "/api/admin/organizers", null), adminOnly(200)));
        // People get told: own settings for anyone signed in; webhooks for administrators (any project)
        // and owners (theirs: the editor here is not one); review requests by those who may approve.
        rows.add(new Row(
                "GET /api/me/notification-settings",
                plain("GET", "/api/me/notification-settings", null),
                signedIn(200)));
        rows.add(new Row(
                "PUT /api/me/notification-settings",
                plain("PUT", "/api/me/notification-settings", "{\"kinds\":{\"note\":\"in_app\"}}"),
                signedIn(200)));
        rows.add(new Row("GET /api/webhooks", plain("GET", "/api/webhooks", null), signedIn(200)));
        String hook = "{\"url\":\"https://hooks.example.org/framewise\",\"kinds\":[\"note.created\"],"
                + "\"projectId\":\"" + p + "\"}";
        rows.add(new Row(
                "POST /api/webhooks",
                plain("POST", "/api/webhooks", hook),
                expect(201, 403, 403, 403, 422, 401, 401, 401)));
        rows.add(new Row(
                "DELETE /api/webhooks/{id}",
                who -> world.call(who, "DELETE", "/api/webhooks/" + webhookOf(hook), null),
                expect(204, 404, 404, 404, 404, 401, 401, 401)));
        String w = webhookOf(hook);
        rows.add(new Row(
                "GET /api/webhooks/{id}/deliveries",
                plain("GET", "/api/webhooks/" + w + "/deliveries", null),
                expect(200, 404, 404, 404, 404, 401, 401, 401)));
        rows.add(new Row(
                "POST /api/assets/{id}/review-requests",
                plain(
                        "POST",
                        "/api/assets/" + a + "/review-requests",
                        "{\"userIds\":[\"" + world.userIds.get(REVIEWER) + "\"],\"due\":\"2026-12-31\"}"),
                reviewers(201)));
        rows.add(new Row("GET /api/review-requests", plain("GET", "/api/review-requests?mine=1", null), signedIn(200)));
        rows.add(new Row(
                "GET /api/media/{id}/mentionable",
                plain("GET", "/api/media/" + m + "/mentionable?q=", null),
                reviewers(200)));
        // Clip templates of the world's project: members use them, editors manage them.
        String template = "{\"projectId\":\"" + p + "\",\"name\":\"T\",\"steps\":[{\"type\":\"text\"}],"
                + "\"output\":{\"format\":\"mp4\"}}";
        String t = templateOf(template);
        rows.add(new Row("GET /api/templates", plain("GET", "/api/templates", null), signedIn(200)));
        rows.add(new Row("POST /api/templates", plain("POST", "/api/templates", template), editors(201)));
        rows.add(new Row("GET /api/templates/{id}", plain("GET", "/api/templates/" + t, null), members(200)));
        rows.add(new Row("PUT /api/templates/{id}", plain("PUT", "/api/templates/" + t, template), editors(200)));
        rows.add(new Row(
                "DELETE /api/templates/{id}",
                who -> world.call(who, "DELETE", "/api/templates/" + templateOf(template), null),
                editors(204)));
        rows.add(new Row(
                "GET /api/templates/{id}/preview",
                plain("GET", "/api/templates/" + t + "/preview?mediaId=" + m + "&frame=3&width=160", null),
                members(200)));
        rows.add(new Row(
                "POST /api/templates/preview",
                plain("POST", "/api/templates/preview?mediaId=" + m + "&frame=3&width=160", template),
                members(200)));
        rows.add(new Row(
                "POST /api/templates/files",
                who -> world.call(
                        who,
                        "POST",
                        "/api/templates/files?filename=s.srt",
                        "1\n00:00:00,000 --> 00:00:01,000\nHi\n",
                        Map.of("Content-Type", "text/plain")),
                uploaders(201)));
        rows.add(new Row("GET /api/assets/{id}/tags", plain("GET", "/api/assets/" + a + "/tags", null), members(200)));
        rows.add(new Row(
                "PUT /api/assets/{id}/tags",
                plain("PUT", "/api/assets/" + a + "/tags", "{\"tags\":[\"hero\"]}"),
                editors(200)));
        rows.add(new Row("GET /api/media", plain("GET", "/api/media", null), signedIn(200)));
        rows.add(new Row(
                "POST /api/media",
                who -> world.call(
                        who,
                        "POST",
                        "/api/media?filename=notes.txt",
                        "not media",
                        Map.of("Content-Type", "text/plain")),
                uploaders(201)));
        rows.add(new Row("GET /api/media/{id}", plain("GET", "/api/media/" + m, null), members(200)));
        rows.add(new Row(
                "DELETE /api/media/{id}",
                who -> world.call(who, "DELETE", "/api/media/" + world.filedMedia(), null),
                // The editor uploaded it; reviewers and viewers may not delete.
                expect(204, 204, 403, 403, 404, 401, 401, 401)));
        rows.add(
                new Row("GET /api/media/{id}/stream", plain("GET", "/api/media/" + m + "/stream", null), members(200)));
        rows.add(new Row(
                "HEAD /api/media/{id}/stream", plain("HEAD", "/api/media/" + m + "/stream", null), members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/frames/{n}", plain("GET", "/api/media/" + m + "/frames/5", null), members(200)));
        rows.add(
                new Row("GET /api/media/{id}/poster", plain("GET", "/api/media/" + m + "/poster", null), members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/sprites", plain("GET", "/api/media/" + m + "/sprites", null), members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/sprites.json",
                plain("GET", "/api/media/" + m + "/sprites.json", null),
                members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/waveform.json",
                plain("GET", "/api/media/" + m + "/waveform.json", null),
                members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/framemap", plain("GET", "/api/media/" + m + "/framemap", null), members(200)));
        // The world's media are short, so they have no HLS ladder: members reach the handler and get its
        // 404, the others stop at the access filter (HlsStreamingTest serves a ladder with 200s).
        rows.add(new Row(
                "GET /api/media/{id}/hls/master.m3u8",
                plain("GET", "/api/media/" + m + "/hls/master.m3u8", null),
                members(404)));
        rows.add(new Row(
                "GET /api/media/{id}/hls/{rendition}/{file}",
                plain("GET", "/api/media/" + m + "/hls/360p/init.mp4", null),
                members(404)));
        rows.add(new Row(
                "POST /api/media/{id}/clips",
                plain("POST", "/api/media/" + m + "/clips", "{\"in\":0,\"out\":10,\"mode\":\"copy\"}"),
                editors(202)));
        rows.add(new Row(
                "GET /api/media/{id}/download", plain("GET", "/api/media/" + m + "/download", null), members(200)));
        // Where each person left the media, for their home page's "Continue watching".
        rows.add(new Row(
                "PUT /api/media/{id}/position",
                plain("PUT", "/api/media/" + m + "/position", "{\"frame\":1}"),
                members(200)));
        // Subtitles: members read, editors add and remove sidecars (each delete removes a fresh one).
        String vtt = "WEBVTT\n\n00:00.000 --> 00:00.200\nhello\n";
        String track = sidecar(m, vtt);
        rows.add(new Row(
                "GET /api/media/{id}/subtitles", plain("GET", "/api/media/" + m + "/subtitles", null), members(200)));
        rows.add(new Row(
                "POST /api/media/{id}/subtitles",
                who -> world.call(
                        who, "POST", "/api/media/" + m + "/subtitles", vtt, Map.of("Content-Type", "text/vtt")),
                editors(201)));
        rows.add(new Row(
                "GET /api/media/{id}/subtitles/search",
                plain("GET", "/api/media/" + m + "/subtitles/search?q=hello", null),
                members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/subtitles/{sid}.vtt",
                plain("GET", "/api/media/" + m + "/subtitles/" + track + ".vtt", null),
                members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/subtitles/{sid}/cues",
                plain("GET", "/api/media/" + m + "/subtitles/" + track + "/cues", null),
                members(200)));
        rows.add(new Row(
                "DELETE /api/media/{id}/subtitles/{sid}",
                who -> world.call(who, "DELETE", "/api/media/" + m + "/subtitles/" + sidecar(m, vtt), null),
                editors(204)));
        Path dataDir = world.server.config().dataDir();
        rows.add(new Row(
                "GET /api/media/{id}/scene-cuts", plain("GET", "/api/media/" + m + "/scene-cuts", null), members(200)));
        rows.add(new Row(
                "POST /api/media/{id}/scene-cuts/{cutId}/accept",
                who -> world.call(
                        who,
                        "POST",
                        "/api/media/" + m + "/scene-cuts/" + SuggestedCuts.add(dataDir, m, 2) + "/accept",
                        null),
                reviewers(201)));
        rows.add(new Row(
                "POST /api/media/{id}/scene-cuts/accept-all",
                plain("POST", "/api/media/" + m + "/scene-cuts/accept-all", null),
                reviewers(201)));
        rows.add(new Row(
                "DELETE /api/media/{id}/scene-cuts/{cutId}",
                who -> world.call(
                        who, "DELETE", "/api/media/" + m + "/scene-cuts/" + SuggestedCuts.add(dataDir, m, 3), null),
                reviewers(204)));
        rows.add(new Row(
                "GET /api/media/{id}/report.pdf", plain("GET", "/api/media/" + m + "/report.pdf", null), members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/comments", plain("GET", "/api/media/" + m + "/comments", null), members(200)));
        rows.add(new Row(
                "GET /api/media/{id}/markers",
                plain("GET", "/api/media/" + m + "/markers?format=csv", null),
                members(200)));
        rows.add(new Row(
                "POST /api/media/{id}/comments",
                plain("POST", "/api/media/" + m + "/comments", "{\"text\":\"hello\",\"frame\":1}"),
                reviewers(201)));
        // Importing a marker file writes notes: the right to write notes (a dry run, so nothing is kept).
        rows.add(new Row(
                "POST /api/media/{id}/edl",
                who -> world.call(
                        who,
                        "POST",
                        "/api/media/" + m + "/edl?dryRun=true",
                        "001  AX V C 00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00\n* LOC: 00:00:00:01 RED hi\n",
                        Map.of("Content-Type", "text/plain")),
                reviewers(200)));
        rows.add(new Row(
                "PATCH /api/comments/{id}",
                who -> world.call(who, "PATCH", "/api/comments/" + world.reviewerNote(), "{\"text\":\"edited\"}"),
                // Only the author (the reviewer) edits the text; admins may do everything.
                expect(200, 403, 200, 403, 404, 401, 401, 401)));
        String attachment = world.attachmentOfReviewerNote();
        rows.add(new Row(
                "GET /api/comments/{id}/attachments/{attachmentId}", plain("GET", attachment, null), members(200)));
        rows.add(new Row(
                "DELETE /api/comments/{id}",
                who -> world.call(who, "DELETE", "/api/comments/" + world.reviewerNote(), null),
                // The author or an owner (the admin created the project) deletes.
                expect(204, 403, 204, 403, 404, 401, 401, 401)));
        // Share links: editors of the target manage them; guests' routes are for guest sessions only
        // (GuestRouteMatrixTest walks them with guest tokens).
        String share = world.share(a);
        rows.add(new Row("GET /api/shares", plain("GET", "/api/shares", null), signedIn(200)));
        rows.add(new Row(
                "POST /api/shares",
                plain(
                        "POST",
                        "/api/shares",
                        "{\"target\":{\"type\":\"asset\",\"id\":\"" + a + "\"},\"rights\":[\"view\"]}"),
                // Outsiders do not see the asset they name: refused as an invalid field (422).
                expect(201, 201, 403, 403, 422, 401, 401, 401)));
        rows.add(new Row("GET /api/shares/{id}", plain("GET", "/api/shares/" + share, null), editors(200)));
        rows.add(new Row(
                "PATCH /api/shares/{id}", plain("PATCH", "/api/shares/" + share, "{\"title\":\"Cut\"}"), editors(200)));
        rows.add(new Row(
                "DELETE /api/shares/{id}",
                who -> world.call(who, "DELETE", "/api/shares/" + world.share(a), null),
                editors(204)));
        rows.add(new Row(
                "GET /api/shares/{id}/analytics",
                plain("GET", "/api/shares/" + share + "/analytics", null),
                editors(200)));
        String link = world.shareToken(a);
        rows.add(new Row("GET /api/guest/links/{token}", plain("GET", "/api/guest/links/" + link, null), open(200)));
        rows.add(new Row(
                "POST /api/guest/sessions",
                plain("POST", "/api/guest/sessions", "{\"token\":\"" + link + "\",\"name\":\"Guest\"}"),
                open(201)));
        // A person is not a guest, whatever their role.
        rows.add(new Row(
                "GET /api/guest/view",
                plain("GET", "/api/guest/view", null),
                expect(401, 401, 401, 401, 401, 401, 401, 401)));
        rows.add(new Row(
                "POST /api/guest/heartbeat",
                plain(
                        "POST",
                        "/api/guest/heartbeat",
                        "{\"mediaId\":\"" + m + "\",\"fromFrame\":0,\"toFrame\":10,\"seconds\":1}"),
                expect(401, 401, 401, 401, 401, 401, 401, 401)));
        Map<String, String> tusHeaders = Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "10");
        rows.add(new Row("POST /api/tus", tus("POST", "/api/tus", tusHeaders), uploaders(201)));
        rows.add(new Row("OPTIONS /api/tus", tus("OPTIONS", "/api/tus", Map.of()), uploaders(204)));
        Map<String, String> resume = Map.of(
                "Tus-Resumable", "1.0.0", "Upload-Offset", "0", "Content-Type", "application/offset+octet-stream");
        for (String method : new String[] {"HEAD", "PATCH", "DELETE"}) {
            rows.add(new Row(method + " /api/tus/{id}", tus(method, "/api/tus/" + nobody, resume), uploaders(404)));
        }
        // tus creates uploads only at /api/tus.
        rows.add(new Row("POST /api/tus/{id}", tus("POST", "/api/tus/" + nobody, tusHeaders), uploaders(405)));
        rows.add(new Row("OPTIONS /api/tus/{id}", tus("OPTIONS", "/api/tus/" + nobody, Map.of()), uploaders(204)));
        rows.add(new Row("HEAD /api/tus", tus("HEAD", "/api/tus", resume), uploaders(404)));
        rows.add(new Row("PATCH /api/tus", tus("PATCH", "/api/tus", resume), uploaders(404)));
        rows.add(new Row("DELETE /api/tus", tus("DELETE", "/api/tus", resume), uploaders(404)));
        return rows;
    }

    @Test
    void everyRouteAnswersEveryoneAsItsRuleSays() throws Exception {
        List<Row> rows = rows();
        // The table the server enforces and the rows here list the same routes (the WebSocket upgrade
        // has its own test below).
        TreeSet<String> tableRoutes = new TreeSet<>(RouteTable.product().all().keySet());
        tableRoutes.remove("GET /api/ws");
        TreeSet<String> tested = new TreeSet<>();
        rows.forEach(r -> tested.add(r.route()));
        assertEquals(tableRoutes, tested, "routes without a row here, or rows without a route");

        Map<String, String> wrong = new LinkedHashMap<>();
        for (Row row : rows) {
            for (Map.Entry<Who, Integer> e : row.expected().entrySet()) {
                HttpResponse<String> response = row.request().send(e.getKey());
                if (response.statusCode() != e.getValue()) {
                    wrong.put(
                            row.route() + " as " + e.getKey(),
                            "expected " + e.getValue() + ", got " + response.statusCode() + " "
                                    + abbreviate(response.body()));
                }
                if (response.statusCode() == 401) {
                    assertTrue(
                            response.headers().firstValue("WWW-Authenticate").isPresent(),
                            row.route() + " as " + e.getKey() + ": 401 without WWW-Authenticate");
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " unexpected answers:\n" + String.join("\n", format(wrong)));
    }

    /** Who files media in the filing matrix: every role in the project, an outsider and an uploader outside it. */
    private static final List<Who> FILERS = List.of(ADMIN, OWNER, EDITOR, REVIEWER, VIEWER, OUTSIDER, UPLOADER);

    private static Map<Who, Integer> filing(
            int admin, int owner, int editor, int reviewer, int viewer, int outsider, int uploader) {
        Map<Who, Integer> m = new EnumMap<>(Who.class);
        int[] codes = {admin, owner, editor, reviewer, viewer, outsider, uploader};
        for (int i = 0; i < FILERS.size(); i++) {
            m.put(FILERS.get(i), codes[i]);
        }
        m.put(ANONYMOUS, 401);
        return m;
    }

    /**
     * Filing media into a project, by every kind of person and every kind of media: it needs rights
     * over where the media is now (its uploader while unfiled, an editor of its project once filed)
     * and over where it goes (an editor of the project); and a media item is a version of one asset
     * only, so media already filed is never filed again (409 for those who may see and move it).
     */
    @Test
    void filingMediaIntoAProjectNeedsRightsWhereItIsAndWhereItGoes(@TempDir Path data) throws Exception {
        // A world of its own: opening everyone's home here must not change the route matrix above.
        try (AccessWorld filingWorld = new AccessWorld(data, false)) {
            fileIn(filingWorld);
        }
    }

    private void fileIn(AccessWorld world) throws Exception {
        String p = world.projectId;
        String m = world.filedMedia();
        String a = AccessWorld.json(world.call(EDITOR, "GET", "/api/projects/" + p + "/assets", null), 200)
                .get(0)
                .get("id")
                .asText();
        Map<Who, String> homes = new EnumMap<>(Who.class);
        Map<Who, String> homeAssets = new EnumMap<>(Who.class);
        for (Who who : FILERS) {
            homes.put(who, world.home(who));
            // Anyone may file their own fresh upload into their own home.
            homeAssets.put(
                    who,
                    AccessWorld.json(world.file(who, homes.get(who), world.unfiledMedia(who)), 201)
                            .get("id")
                            .asText());
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                "their own unfiled upload as a new asset of the project",
                who -> world.file(who, p, world.unfiledMedia(who == ANONYMOUS ? EDITOR : who)),
                filing(201, 201, 201, 403, 403, 422, 422)));
        rows.add(new Row(
                "their own unfiled upload as a new version of the project's asset",
                who -> world.call(
                        who,
                        "POST",
                        "/api/assets/" + a + "/versions",
                        "{\"mediaId\":\"" + world.unfiledMedia(who == ANONYMOUS ? EDITOR : who) + "\"}"),
                filing(201, 201, 201, 403, 403, 404, 404)));
        rows.add(new Row(
                "someone else's unfiled upload as a new asset of the project",
                who -> world.file(who, p, world.unfiledMedia(who == UPLOADER ? EDITOR : UPLOADER)),
                filing(201, 422, 422, 422, 422, 422, 422)));
        rows.add(new Row(
                "the project's media as a new asset of their home",
                who -> world.file(who, homes.getOrDefault(who, p), m),
                filing(409, 409, 409, 403, 403, 422, 422)));
        rows.add(new Row(
                "the project's media as a new version of an asset in their home",
                who -> world.call(
                        who,
                        "POST",
                        "/api/assets/" + homeAssets.getOrDefault(who, a) + "/versions",
                        "{\"mediaId\":\"" + m + "\"}"),
                filing(409, 409, 409, 403, 403, 422, 422)));

        Map<String, String> wrong = new LinkedHashMap<>();
        for (Row row : rows) {
            for (Map.Entry<Who, Integer> e : row.expected().entrySet()) {
                HttpResponse<String> response = row.request().send(e.getKey());
                if (response.statusCode() != e.getValue()) {
                    wrong.put(
                            row.route() + " as " + e.getKey(),
                            "expected " + e.getValue() + ", got " + response.statusCode() + " "
                                    + abbreviate(response.body()));
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " unexpected answers:\n" + String.join("\n", format(wrong)));

        // The project's media is still the one version it was, in the project, for its members only.
        JsonNode asset = AccessWorld.json(world.call(VIEWER, "GET", "/api/assets/" + a, null), 200);
        assertEquals(p, asset.get("projectId").asText());
        assertEquals(m, asset.at("/versions/0/mediaId").asText());
        assertEquals(404, world.call(OUTSIDER, "GET", "/api/media/" + m, null).statusCode());
        assertEquals(404, world.call(UPLOADER, "GET", "/api/media/" + m, null).statusCode());
    }

    private static List<String> format(Map<String, String> wrong) {
        List<String> lines = new ArrayList<>();
        wrong.forEach((k, v) -> lines.add("  " + k + ": " + v));
        return lines;
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "..." : body;
    }
}
