package io.framewise.server.shares;

import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's link routes ({@code /api/shares*}) attacked: another project's asset, folder, clip or
 * media named in a body or a query, a reviewer or viewer doing an editor's thing, a guest's token on
 * them, a cross-site page driving a signed-in editor's browser, and garbage bodies. Each test fails
 * if the attack works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharesAttackTest {

    private static final String SECRET_TITLE = "Outsider's private cut";

    private AccessWorld world;
    /** The outsider's home project: the editor has no role in it. */
    private String otherAsset;

    private String otherMedia;
    private String otherFolder;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
        String home = world.home(OUTSIDER);
        otherMedia = world.unfiledMedia(OUTSIDER);
        otherAsset = json(
                        world.call(
                                OUTSIDER,
                                "POST",
                                "/api/assets",
                                AccessWorld.JSON.writeValueAsString(
                                        Map.of("projectId", home, "title", SECRET_TITLE, "mediaId", otherMedia))),
                        201)
                .get("id")
                .asText();
        otherFolder = world.server
                .repositories()
                .projects()
                .createFolder(home, null, "Private")
                .id();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void anEditorCannotShareWhatIsInAProjectTheyAreNotIn() throws Exception {
        // The target of a new link: another project's asset, folder, and clip named by its media id.
        for (String target :
                List.of(target("asset", otherAsset), target("folder", otherFolder), target("clip", otherMedia))) {
            HttpResponse<String> r = world.call(EDITOR, "POST", "/api/shares", target + ",\"rights\":[\"view\"]}");
            assertEquals(422, r.statusCode(), target + " -> " + r.body());
            assertEquals("target.id", field(r), r.body());
            assertFalse(r.body().contains(SECRET_TITLE), r.body());
        }
        // Listing the links of another project's asset, to learn that it exists or what links it has.
        HttpResponse<String> listed =
                world.call(EDITOR, "GET", "/api/shares?targetType=asset&targetId=" + otherAsset, null);
        assertEquals(422, listed.statusCode(), listed.body());
        assertEquals("target.id", field(listed), listed.body());
        // Nothing was made: the outsider's asset has no links.
        assertEquals(
                0,
                json(world.call(OUTSIDER, "GET", "/api/shares?targetType=asset&targetId=" + otherAsset, null), 200)
                        .get("items")
                        .size());
    }

    @Test
    void theOutsidersLinkCannotBeReadChangedRevokedOrMeasuredByTheEditor() throws Exception {
        String theirs = json(
                        world.call(
                                OUTSIDER,
                                "POST",
                                "/api/shares",
                                target("asset", otherAsset) + ",\"rights\":[\"view\"]}"),
                        201)
                .get("id")
                .asText();
        // Someone else's link id in the path: as if it did not exist.
        assertEquals(
                404, world.call(EDITOR, "GET", "/api/shares/" + theirs, null).statusCode());
        assertEquals(
                404,
                world.call(EDITOR, "PATCH", "/api/shares/" + theirs, "{\"rights\":[\"view\",\"download\"]}")
                        .statusCode());
        assertEquals(
                404, world.call(EDITOR, "DELETE", "/api/shares/" + theirs, null).statusCode());
        assertEquals(
                404,
                world.call(EDITOR, "GET", "/api/shares/" + theirs + "/analytics?format=csv", null)
                        .statusCode());
        assertTrue(
                json(world.call(EDITOR, "GET", "/api/shares", null), 200)
                                .toString()
                                .indexOf(theirs)
                        < 0,
                "the editor's list shows only links they manage");
        JsonNode still = json(world.call(OUTSIDER, "GET", "/api/shares/" + theirs, null), 200);
        assertEquals("active", still.get("state").asText());
        assertEquals("[\"view\"]", still.get("rights").toString());
    }

    @Test
    void analyticsDoNotShowAnotherProjectsMediaThroughTheHeatStrip() throws Exception {
        String id = ownLink();
        // The heat strip of another project's media item would tell its frame count.
        HttpResponse<String> other =
                world.call(EDITOR, "GET", "/api/shares/" + id + "/analytics?mediaId=" + otherMedia, null);
        assertEquals(422, other.statusCode(), other.body());
        assertEquals("mediaId", field(other), other.body());
        for (String garbage : List.of("../../etc/passwd", "x".repeat(300), "%00", "' OR 1=1 --")) {
            HttpResponse<String> r = world.call(
                    EDITOR,
                    "GET",
                    "/api/shares/" + id + "/analytics?mediaId=" + java.net.URLEncoder.encode(garbage, "UTF-8"),
                    null);
            assertEquals(422, r.statusCode(), garbage + " -> " + r.body());
        }
        for (String buckets : List.of("0", "-5", "2001", "99999999999", "1e3", "NaN")) {
            int status = world.call(EDITOR, "GET", "/api/shares/" + id + "/analytics?buckets=" + buckets, null)
                    .statusCode();
            assertTrue(status == 400 || status == 422, buckets + " -> " + status);
        }
    }

    @Test
    void reviewersAndViewersCannotDoAnEditorsThingsWithLinks() throws Exception {
        String id = ownLink();
        for (AccessWorld.Who who : List.of(REVIEWER, VIEWER)) {
            assertEquals(
                    403,
                    world.call(who, "POST", "/api/shares", target("asset", world.assetId) + ",\"rights\":[\"view\"]}")
                            .statusCode(),
                    who + " creating a link");
            assertEquals(
                    403,
                    world.call(who, "PATCH", "/api/shares/" + id, "{\"rights\":[\"view\",\"download\"]}")
                            .statusCode(),
                    who + " widening a link");
            assertEquals(
                    403, world.call(who, "DELETE", "/api/shares/" + id, null).statusCode(), who + " revoking");
            assertEquals(
                    403,
                    world.call(who, "GET", "/api/shares/" + id + "/analytics", null)
                            .statusCode(),
                    who + " reading who watched");
            assertEquals(
                    0,
                    json(world.call(who, "GET", "/api/shares", null), 200)
                            .get("items")
                            .size(),
                    who + " listing every link");
        }
        JsonNode still = json(world.call(EDITOR, "GET", "/api/shares/" + id, null), 200);
        assertEquals("active", still.get("state").asText());
        assertEquals(1, still.get("rights").size());
    }

    @Test
    void aGuestsTokenDoesNothingOnTheOwnersRoutesNotEvenOnItsOwnLink() throws Exception {
        JsonNode link = json(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/shares",
                        target("asset", world.assetId) + ",\"rights\":[\"view\",\"comment\"]}"),
                201);
        String id = link.get("id").asText();
        HttpResponse<String> opened = world.call(
                ANONYMOUS,
                "POST",
                "/api/guest/sessions",
                "{\"token\":\"" + link.get("token").asText() + "\",\"name\":\"Mallory\"}");
        String guest = json(opened, 201).get("guestToken").asText();
        String cookie = opened.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("fw_guest="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        for (Map<String, String> credential :
                List.of(Map.of("Authorization", "Bearer " + guest), Map.of("Cookie", cookie))) {
            // Widen its own link, mint a new one on the asset it sees, read or revoke it, list links.
            assertEquals(
                    401,
                    world.call(
                                    ANONYMOUS,
                                    "PATCH",
                                    "/api/shares/" + id,
                                    "{\"rights\":[\"view\",\"download\"],\"maxViews\":null}",
                                    credential)
                            .statusCode());
            assertEquals(
                    401,
                    world.call(
                                    ANONYMOUS,
                                    "POST",
                                    "/api/shares",
                                    target("asset", world.assetId) + ",\"rights\":[\"view\",\"download\"]}",
                                    credential)
                            .statusCode());
            assertEquals(
                    401,
                    world.call(ANONYMOUS, "GET", "/api/shares/" + id, null, credential)
                            .statusCode());
            assertEquals(
                    401,
                    world.call(ANONYMOUS, "GET", "/api/shares/" + id + "/analytics", null, credential)
                            .statusCode());
            assertEquals(
                    401,
                    world.call(ANONYMOUS, "GET", "/api/shares", null, credential)
                            .statusCode());
            assertEquals(
                    401,
                    world.call(ANONYMOUS, "DELETE", "/api/shares/" + id, null, credential)
                            .statusCode());
        }
        JsonNode still = json(world.call(EDITOR, "GET", "/api/shares/" + id, null), 200);
        assertEquals("active", still.get("state").asText());
        assertEquals(2, still.get("rights").size());
    }

    @Test
    void aPageOnAnotherSiteCannotMakeOrRevokeLinksWithTheEditorsBrowser() throws Exception {
        HttpResponse<String> login = world.call(
                ANONYMOUS,
                "POST",
                "/api/auth/login",
                "{\"username\":\"editor\",\"password\":\"" + AccessWorld.PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        String cookie = AccessWorld.sessionCookie(login);
        String csrf = AccessWorld.csrfCookie(login);
        String id = ownLink();
        String body = target("asset", world.assetId) + ",\"rights\":[\"view\",\"download\"]}";
        List<Map<String, String>> crossSite = List.of(
                // A "simple" text/plain fetch from the attacker's page (no preflight), with the CSRF
                // token even, as if it had leaked: the origin alone refuses it.
                headers(
                        "Cookie",
                        cookie,
                        "X-CSRF-Token",
                        csrf,
                        "Content-Type",
                        "text/plain",
                        "Origin",
                        "http://evil.example"),
                // The same from a browser that sends no Origin but says where it comes from.
                headers(
                        "Cookie",
                        cookie,
                        "X-CSRF-Token",
                        csrf,
                        "Content-Type",
                        "text/plain",
                        "Sec-Fetch-Site",
                        "cross-site"),
                // JSON from the attacker's origin.
                headers("Cookie", cookie, "X-CSRF-Token", csrf, "Origin", "http://evil.example"));
        for (Map<String, String> h : crossSite) {
            HttpResponse<String> made = world.call(ANONYMOUS, "POST", "/api/shares", body, h);
            assertEquals(403, made.statusCode(), h + " -> " + made.body());
            assertTrue(made.body().contains("cross_origin"), made.body());
            assertFalse(made.body().contains("fws_"), "no token leaves: " + made.body());
            assertEquals(
                    403,
                    world.call(ANONYMOUS, "PATCH", "/api/shares/" + id, "{\"password\":null,\"maxViews\":null}", h)
                            .statusCode());
            assertEquals(
                    403,
                    world.call(ANONYMOUS, "DELETE", "/api/shares/" + id, null, h)
                            .statusCode());
        }
        // From the server's own page a text/plain body is still no JSON, and without the CSRF token
        // the session cookie alone changes nothing.
        assertEquals(
                415,
                world.call(
                                ANONYMOUS,
                                "POST",
                                "/api/shares",
                                body,
                                headers("Cookie", cookie, "X-CSRF-Token", csrf, "Content-Type", "text/plain"))
                        .statusCode());
        assertEquals(
                403,
                world.call(ANONYMOUS, "DELETE", "/api/shares/" + id, null, headers("Cookie", cookie))
                        .statusCode());
        assertEquals(
                "active",
                json(world.call(EDITOR, "GET", "/api/shares/" + id, null), 200)
                        .get("state")
                        .asText());
    }

    @Test
    void garbageBodiesAreRefusedInWordsNeverWithA500() throws Exception {
        String id = ownLink();
        String asset = target("asset", world.assetId);
        List<String> creations = List.of(
                "[]",
                "\"a string\"",
                "null",
                "{",
                "{\"target\":\"" + world.assetId + "\",\"rights\":[\"view\"]}",
                "{\"target\":{\"type\":\"asset\",\"id\":42},\"rights\":[\"view\"]}",
                "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId
                        + "\",\"project\":\"x\"},\"rights\":[\"view\"]}",
                "{\"target\":{\"type\":\"project\",\"id\":\"" + world.projectId + "\"},\"rights\":[\"view\"]}",
                "{\"target\":{\"type\":\"asset\",\"id\":\"../../" + world.assetId + "\"},\"rights\":[\"view\"]}",
                asset + ",\"rights\":\"view\"}",
                asset + ",\"rights\":{\"view\":true}}",
                asset + ",\"rights\":[\"view\",null]}",
                asset + ",\"rights\":[\"VIEW\"]}",
                asset + ",\"rights\":[\"view\"],\"maxViews\":99999999999999999999}",
                asset + ",\"rights\":[\"view\"],\"maxViews\":1.5}",
                asset + ",\"rights\":[\"view\"],\"maxViews\":\"5\"}",
                asset + ",\"rights\":[\"view\"],\"version\":-1}",
                asset + ",\"rights\":[\"view\"],\"live\":\"true\"}",
                asset + ",\"rights\":[\"view\"],\"password\":123456789012}",
                asset + ",\"rights\":[\"view\"],\"password\":\"" + "p".repeat(5000) + "\"}",
                asset + ",\"rights\":[\"view\"],\"title\":\"" + "t".repeat(201) + "\"}",
                asset + ",\"rights\":[\"view\"],\"expiresAt\":\"tomorrow\"}",
                // Far beyond any date a link could need: too large to be stored as milliseconds.
                asset + ",\"rights\":[\"view\"],\"expiresAt\":\"+300000000-01-01T00:00:00Z\"}",
                asset + ",\"rights\":[\"view\"],\"expiresAt\":\"+1000000000-12-31T23:59:59Z\"}",
                asset + ",\"rights\":[\"view\"],\"createdBy\":\"" + world.userIds.get(OUTSIDER) + "\"}");
        for (String body : creations) {
            HttpResponse<String> r = world.call(EDITOR, "POST", "/api/shares", body);
            assertTrue(
                    r.statusCode() == 400 || r.statusCode() == 422,
                    abbreviate(body) + " -> " + r.statusCode() + " " + r.body());
        }
        List<String> changes = List.of(
                "[]",
                "{\"target\":{\"type\":\"asset\",\"id\":\"" + otherAsset + "\"}}",
                "{\"version\":1}",
                "{\"views\":0}",
                "{\"revokedAt\":null}",
                "{\"rights\":[]}",
                "{\"rights\":null}",
                "{\"expiresAt\":\"+300000000-01-01T00:00:00Z\"}",
                "{\"maxViews\":0}");
        for (String body : changes) {
            HttpResponse<String> r = world.call(EDITOR, "PATCH", "/api/shares/" + id, body);
            assertTrue(
                    r.statusCode() == 400 || r.statusCode() == 422,
                    abbreviate(body) + " -> " + r.statusCode() + " " + r.body());
        }
        JsonNode still = json(world.call(EDITOR, "GET", "/api/shares/" + id, null), 200);
        assertEquals(world.assetId, still.at("/target/id").asText(), "the link still shows what it showed");
        assertTrue(still.get("expiresAt").isNull());
        assertEquals("[\"view\"]", still.get("rights").toString());
    }

    // ---- helpers

    private String ownLink() throws Exception {
        return world.share(world.assetId);
    }

    /** The start of a link body naming its target (the caller closes it). */
    private static String target(String type, String id) {
        return "{\"target\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}";
    }

    private static String field(HttpResponse<String> r) throws Exception {
        return AccessWorld.JSON.readTree(r.body()).at("/error/details/field").asText();
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String abbreviate(String body) {
        return body.length() > 120 ? body.substring(0, 120) + "..." : body;
    }
}
