package io.framewise.server.shares;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Principal;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Share links end to end on a real server: the owner's side (create, list, edit, revoke, analytics)
 * and the guest's (open, view, comment, approve, heartbeats), with what must never happen: a token
 * kept in the clear, a wrong password let through or guessed at leisure, an expired, used-up or
 * revoked link still opening, a right the link does not give.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShareLinksTest {

    private AccessWorld world;
    private Path data;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        world = new AccessWorld(dir);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void editorsCreateListEditAndRevokeLinks() throws Exception {
        JsonNode created = create(
                EDITOR,
                "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\",\"comment\"],"
                        + "\"title\":\"For the client\",\"maxViews\":5}");
        String id = created.get("id").asText();
        String token = created.get("token").asText();
        assertTrue(created.get("url").asText().endsWith("/s/" + token), created.toString());
        assertEquals("active", created.get("state").asText());
        assertEquals("Shot 1", created.at("/target/title").asText());
        assertEquals(List.of("view", "comment"), strings(created.get("rights")));

        JsonNode listed =
                json(world.call(EDITOR, "GET", "/api/shares?targetType=asset&targetId=" + world.assetId, null), 200);
        JsonNode mine = find(listed.get("items"), id);
        assertTrue(mine.get("url").isNull(), "the link is shown once only");
        assertFalse(mine.has("token"));
        assertEquals(0, mine.get("views").asInt());

        JsonNode changed = json(
                world.call(
                        EDITOR,
                        "PATCH",
                        "/api/shares/" + id,
                        "{\"title\":\"Final cut\",\"maxViews\":null,\"rights\":[\"view\",\"download\"],\"watermark\":true}"),
                200);
        assertEquals("Final cut", changed.get("title").asText());
        assertTrue(changed.get("maxViews").isNull());
        assertEquals(List.of("view", "download"), strings(changed.get("rights")));
        assertTrue(changed.get("watermark").asBoolean());

        // Only editors of the target manage its links; outsiders do not see it at all.
        assertEquals(
                403,
                world.call(REVIEWER, "PATCH", "/api/shares/" + id, "{\"title\":\"x\"}")
                        .statusCode());
        assertEquals(404, world.call(OUTSIDER, "GET", "/api/shares/" + id, null).statusCode());
        assertEquals(
                403,
                world.call(VIEWER, "POST", "/api/shares", assetLink("[\"view\"]"))
                        .statusCode());
        assertEquals(
                0,
                json(world.call(OUTSIDER, "GET", "/api/shares", null), 200)
                        .get("items")
                        .size());

        assertEquals(
                204, world.call(EDITOR, "DELETE", "/api/shares/" + id, null).statusCode());
        JsonNode revoked = json(world.call(EDITOR, "GET", "/api/shares/" + id, null), 200);
        assertEquals("revoked", revoked.get("state").asText());
        assertFalse(revoked.get("revokedAt").isNull());
        assertEquals(
                409,
                world.call(EDITOR, "PATCH", "/api/shares/" + id, "{\"title\":\"again\"}")
                        .statusCode());
    }

    @Test
    void badLinkRequestsAreRefusedNamingTheField() throws Exception {
        assertField(world.call(EDITOR, "POST", "/api/shares", assetLink("[\"comment\"]")), 422, "rights");
        assertField(world.call(EDITOR, "POST", "/api/shares", assetLink("[\"view\",\"edit\"]")), 400, "rights[1]");
        assertField(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/shares",
                        "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"],"
                                + "\"colour\":\"red\"}"),
                400,
                "colour");
        assertField(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/shares",
                        "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"],"
                                + "\"expiresAt\":\"2001-01-01T00:00:00Z\"}"),
                422,
                "expiresAt");
        assertField(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/shares",
                        "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"],"
                                + "\"version\":7}"),
                422,
                "version");
        assertField(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/shares",
                        "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"],"
                                + "\"password\":\"short\"}"),
                422,
                "password");
    }

    @Test
    void tokensHaveFullEntropyAndOnlyTheirHashesAreStored() throws Exception {
        JsonNode one = create(EDITOR, assetLink("[\"view\"]", ",\"password\":\"open sesame please\""));
        JsonNode two = create(EDITOR, assetLink("[\"view\"]"));
        String token = one.get("token").asText();
        assertTrue(token.startsWith("fws_"), token);
        byte[] random = Base64.getUrlDecoder().decode(token.substring(4));
        assertTrue(random.length * 8 >= 128, "at least 128 random bits, got " + random.length * 8);
        assertNotEquals(token, two.get("token").asText());
        JsonNode guest = json(openGuest(token, "Gina", null, "open sesame please"), 201);
        String guestToken = guest.get("guestToken").asText();

        List<String> stored = new ArrayList<>();
        try (Connection db = io.framewise.server.testing.DirectSql.connect(data);
                ResultSet rows = db.createStatement()
                        .executeQuery("SELECT token_hash, COALESCE(password_hash, '') FROM shares WHERE id = '"
                                + one.get("id").asText() + "'")) {
            assertTrue(rows.next());
            assertEquals(LinkSecrets.hash(token), rows.getString(1));
            assertTrue(rows.getString(2).startsWith("$argon2id$"), rows.getString(2));
            try (ResultSet all = db.createStatement()
                    .executeQuery("SELECT s.token_hash || s.rights || COALESCE(s.password_hash, '') || g.session_hash "
                            + "FROM shares s JOIN share_guests g ON g.share_id = s.id")) {
                while (all.next()) {
                    stored.add(all.getString(1));
                }
            }
        }
        assertFalse(stored.isEmpty());
        for (String row : stored) {
            assertFalse(row.contains(token), "a link token is stored in the clear");
            assertFalse(row.contains(guestToken), "a guest token is stored in the clear");
            assertFalse(row.contains("open sesame"), "a link password is stored in the clear");
        }
    }

    @Test
    void aWrongPasswordIs401AndGuessingIsLimited() throws Exception {
        String token = create(EDITOR, assetLink("[\"view\"]", ",\"password\":\"open sesame please\""))
                .get("token")
                .asText();
        JsonNode first = json(world.call(ANONYMOUS, "GET", "/api/guest/links/" + token, null), 200);
        assertTrue(first.get("hasPassword").asBoolean());
        assertEquals(401, openGuest(token, "Mallory", null, "guess").statusCode());
        assertEquals(401, openGuest(token, "Mallory", null, null).statusCode());
        json(openGuest(token, "Gina", null, "open sesame please"), 201);
        int refusedAt = -1;
        for (int i = 0; i < 20 && refusedAt < 0; i++) {
            HttpResponse<String> guess = openGuest(token, "Mallory", null, "guess " + i);
            if (guess.statusCode() == 429) {
                refusedAt = i;
                assertTrue(guess.headers().firstValue("Retry-After").isPresent());
            } else {
                assertEquals(401, guess.statusCode(), guess.body());
            }
        }
        assertTrue(refusedAt >= 0 && refusedAt <= 10, "guessing was not limited: " + refusedAt);
        // Even the right password waits now.
        assertEquals(429, openGuest(token, "Gina", null, "open sesame please").statusCode());
        assertTrue(audited("guest.password"));
    }

    @Test
    void anExpiredLinkIs410AndItsSessionsEnd() throws Exception {
        String expires = world.clock.instant().plus(Duration.ofHours(1)).toString();
        String token = create(EDITOR, assetLink("[\"view\"]", ",\"expiresAt\":\"" + expires + "\""))
                .get("token")
                .asText();
        String guest = json(openGuest(token, "Gina", null, null), 201)
                .get("guestToken")
                .asText();
        assertEquals(200, asGuest(guest, "GET", "/api/guest/view", null).statusCode());
        world.clock.advance(Duration.ofHours(2));
        HttpResponse<String> page = world.call(ANONYMOUS, "GET", "/api/guest/links/" + token, null);
        assertEquals(410, page.statusCode());
        assertTrue(page.body().contains("expired"), page.body());
        assertEquals(410, openGuest(token, "Late", null, null).statusCode());
        assertEquals(401, asGuest(guest, "GET", "/api/guest/view", null).statusCode());
        assertEquals(
                401, asGuest(guest, "GET", "/api/media/" + world.mediaId, null).statusCode());
    }

    @Test
    void aLinkOpenedAsOftenAsItMayIs410() throws Exception {
        String token = create(EDITOR, assetLink("[\"view\"]", ",\"maxViews\":2"))
                .get("token")
                .asText();
        String first =
                json(openGuest(token, "One", null, null), 201).get("guestToken").asText();
        json(openGuest(token, "Two", null, null), 201);
        HttpResponse<String> third = openGuest(token, "Three", null, null);
        assertEquals(410, third.statusCode());
        assertTrue(third.body().contains("used-up"), third.body());
        assertEquals(
                410,
                world.call(ANONYMOUS, "GET", "/api/guest/links/" + token, null).statusCode());
        // The views already opened go on.
        assertEquals(200, asGuest(first, "GET", "/api/guest/view", null).statusCode());
    }

    @Test
    void revokingAnswers404AndEndsTheGuestSessions() throws Exception {
        JsonNode link = create(EDITOR, assetLink("[\"view\",\"comment\"]"));
        String token = link.get("token").asText();
        String guest = json(openGuest(token, "Gina", null, null), 201)
                .get("guestToken")
                .asText();
        assertEquals(
                200, asGuest(guest, "GET", "/api/media/" + world.mediaId, null).statusCode());
        assertEquals(
                204,
                world.call(EDITOR, "DELETE", "/api/shares/" + link.get("id").asText(), null)
                        .statusCode());
        HttpResponse<String> page = world.call(ANONYMOUS, "GET", "/api/guest/links/" + token, null);
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("revoked"), page.body());
        assertEquals(404, openGuest(token, "Late", null, null).statusCode());
        assertEquals(401, asGuest(guest, "GET", "/api/guest/view", null).statusCode());
        assertEquals(
                401,
                asGuest(guest, "GET", "/api/media/" + world.mediaId + "/comments", null)
                        .statusCode());
        try (Connection db = io.framewise.server.testing.DirectSql.connect(data);
                ResultSet rows = db.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM share_guests WHERE share_id = '"
                                + link.get("id").asText() + "' AND ended_at IS NULL")) {
            assertTrue(rows.next());
            assertEquals(0, rows.getInt(1), "the revoked link's guest sessions were not ended");
        }
    }

    @Test
    void guestsDoWhatTheLinkAllowsAndNoMore() throws Exception {
        String viewOnly = guestOf(assetLink("[\"view\"]"), "Vera");
        String m = "/api/media/" + world.mediaId;
        assertEquals(200, asGuest(viewOnly, "GET", m, null).statusCode());
        assertEquals(200, asGuest(viewOnly, "GET", m + "/frames/3", null).statusCode());
        assertEquals(200, asGuest(viewOnly, "GET", m + "/stream", null).statusCode());
        assertEquals(403, asGuest(viewOnly, "GET", m + "/comments", null).statusCode());
        assertEquals(
                403,
                asGuest(viewOnly, "POST", m + "/comments", "{\"text\":\"hi\",\"frame\":1}")
                        .statusCode());
        assertEquals(
                403,
                asGuest(
                                viewOnly,
                                "PUT",
                                "/api/assets/" + world.assetId + "/versions/1/approval",
                                "{\"status\":\"approved\"}")
                        .statusCode());
        assertEquals(
                404,
                asGuest(viewOnly, "GET", "/api/assets/" + world.assetId, null).statusCode());
        assertEquals(401, asGuest(viewOnly, "GET", "/api/media", null).statusCode());

        JsonNode view = json(asGuest(viewOnly, "GET", "/api/guest/view", null), 200);
        assertEquals(1, view.get("assets").size());
        assertEquals(world.mediaId, view.at("/assets/0/versions/0/mediaId").asText());
        assertTrue(view.get("watermark").isNull());
        assertEquals("Vera", view.at("/guest/name").asText());

        String commenter = guestOf(assetLink("[\"view\",\"comment\",\"approve\"]", ",\"watermark\":true"), "Carl");
        JsonNode note = json(asGuest(commenter, "POST", m + "/comments", "{\"text\":\"Too dark\",\"frame\":2}"), 201);
        assertTrue(note.get("guest").asBoolean());
        assertEquals("Carl", note.get("authorName").asText());
        JsonNode reply = json(
                asGuest(
                        commenter,
                        "POST",
                        m + "/comments",
                        "{\"text\":\"Or is it?\",\"parentId\":\""
                                + note.get("id").asText() + "\"}"),
                201);
        assertTrue(reply.get("guest").asBoolean());
        // Guests add and reply; they do not change notes, theirs or others'.
        assertEquals(
                403,
                asGuest(commenter, "PATCH", "/api/comments/" + note.get("id").asText(), "{\"text\":\"x\"}")
                        .statusCode());
        // The team sees the guest's note as the guest's.
        JsonNode seen = find(
                json(world.call(VIEWER, "GET", m + "/comments", null), 200).get("items"),
                note.get("id").asText());
        assertTrue(seen.get("guest").asBoolean());
        assertEquals("Carl", seen.get("authorName").asText());
        assertEquals(
                200,
                asGuest(
                                commenter,
                                "PUT",
                                "/api/assets/" + world.assetId + "/versions/1/approval",
                                "{\"status\":\"approved\"}")
                        .statusCode());
        JsonNode watermarked = json(asGuest(commenter, "GET", "/api/guest/view", null), 200);
        assertTrue(watermarked.get("watermark").asText().startsWith("Carl · "), watermarked.toString());
        assertTrue(audited("guest.opened"));
    }

    @Test
    void analyticsCountOpensWatchTimeWatchedFramesNotesAndExportAsSafeCsv() throws Exception {
        JsonNode link = create(EDITOR, assetLink("[\"view\",\"comment\"]"));
        String token = link.get("token").asText();
        String id = link.get("id").asText();
        String a = json(openGuest(token, "=HYPERLINK(\"http://evil\")", "a@example.com", null), 201)
                .get("guestToken")
                .asText();
        String b = json(openGuest(token, "Bea, the client", null, null), 201)
                .get("guestToken")
                .asText();
        json(openGuest(token, "Bea, the client", null, null), 201);
        String m = world.mediaId;
        heartbeat(a, m, 0, 10, 2.5);
        heartbeat(a, m, 10, 20, 2.5);
        heartbeat(b, m, 0, 5, 1);
        assertEquals(
                422,
                asGuest(
                                a,
                                "POST",
                                "/api/guest/heartbeat",
                                "{\"mediaId\":\"" + m + "\",\"fromFrame\":5,\"toFrame\":5,\"seconds\":1}")
                        .statusCode());
        json(asGuest(b, "POST", "/api/media/" + m + "/comments", "{\"text\":\"Nice\",\"frame\":1}"), 201);

        JsonNode stats = json(world.call(EDITOR, "GET", "/api/shares/" + id + "/analytics?buckets=10", null), 200);
        assertEquals(3, stats.get("opens").asInt());
        assertEquals(2, stats.get("uniqueGuests").asInt());
        assertEquals(6.0, stats.get("watchSeconds").asDouble(), 0.01);
        assertEquals(1, stats.get("notes").asInt());
        assertEquals(2, stats.get("guests").size());
        assertEquals(
                5.0,
                byName(stats.get("guests"), "=HYPERLINK(\"http://evil\")")
                        .get("watchSeconds")
                        .asDouble(),
                0.01);
        assertEquals(
                1, byName(stats.get("guests"), "Bea, the client").get("notes").asInt());
        JsonNode heat = stats.get("heat");
        assertEquals(m, heat.get("mediaId").asText());
        long frames = heat.get("frameCount").asLong();
        assertTrue(frames > 20, "the test media has more than 20 frames: " + frames);
        int[] buckets = new int[heat.get("buckets").size()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = heat.get("buckets").get(i).asInt();
        }
        assertEquals(10, buckets.length);
        assertTrue(buckets[0] >= 2, "frames 0..5 were watched twice: " + heat);
        assertEquals(0, buckets[9], "the end was never watched: " + heat);

        HttpResponse<String> csv = world.call(EDITOR, "GET", "/api/shares/" + id + "/analytics?format=csv", null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertEquals("name,email,firstSeen,lastSeen,watchSeconds,downloads,notes", lines.get(0));
        assertEquals(3, lines.size(), csv.body());
        // A guest's name that a spreadsheet would run as a formula is defused, then quoted.
        String formula = line(lines, "\"'=HYPERLINK(\"\"http://evil\"\")\",a@example.com,");
        assertTrue(formula.endsWith(",5.0,0,0"), formula);
        String bea = line(lines, "\"Bea, the client\",,");
        assertTrue(bea.endsWith(",1.0,0,1"), bea);
        assertEquals(
                403,
                world.call(VIEWER, "GET", "/api/shares/" + id + "/analytics", null)
                        .statusCode());
    }

    @Test
    void theGuestCookieIsHttpOnlyLaxAndCrossSiteChangesAreRefused() throws Exception {
        String token =
                create(EDITOR, assetLink("[\"view\",\"comment\"]")).get("token").asText();
        HttpResponse<String> opened = openGuest(token, "Gina", null, null);
        assertEquals(201, opened.statusCode());
        String setCookie = opened.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("fw_guest="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no guest cookie: " + opened.headers()));
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String comments = "/api/media/" + world.mediaId + "/comments";
        HttpResponse<String> crossSite = world.call(
                ANONYMOUS,
                "POST",
                comments,
                "{\"text\":\"from elsewhere\",\"frame\":1}",
                Map.of("Cookie", cookie, "Origin", "https://evil.example"));
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.body().contains("cross_origin"), crossSite.body());
        HttpResponse<String> sameSite = world.call(
                ANONYMOUS, "POST", comments, "{\"text\":\"from the page\",\"frame\":1}", Map.of("Cookie", cookie));
        assertEquals(201, sameSite.statusCode(), sameSite.body());
        assertEquals(
                200,
                world.call(ANONYMOUS, "GET", "/api/guest/view", null, Map.of("Cookie", cookie))
                        .statusCode());
        // Someone signed in who opens a link in the same browser stays themselves on the team's routes.
        assertEquals(
                200,
                world.call(EDITOR, "GET", "/api/projects", null, Map.of("Cookie", cookie))
                        .statusCode());
    }

    @Test
    void downloadsOfAWatermarkLinkAreBurnedForEachGuestAndCounted() throws Exception {
        JsonNode link = create(EDITOR, assetLink("[\"view\",\"download\"]", ",\"watermark\":true"));
        String token = json(openGuest(link.get("token").asText(), "Dora", "dora@example.com", null), 201)
                .get("guestToken")
                .asText();
        Principal.Guest guest = world.server.guests().authenticate(token).orElseThrow();
        MediaItem item = world.server.repositories().media().get(world.mediaId).orElseThrow();
        Path original = data.resolve(item.storedPath());
        long frames = item.probe().frameCount();
        Caller caller = new Caller(guest, "127.0.0.1");

        Path burned = world.server.guestDownloads().fileFor(caller, world.mediaId, original, frames, "original");
        assertNotEquals(original, burned);
        assertTrue(burned.startsWith(data.resolve("guest-downloads")), burned.toString());
        assertEquals(frames, FrameMapBuilder.build(burned).frameCount(), "every frame, frame for frame");
        assertFalse(
                java.util.Arrays.equals(Files.readAllBytes(original), Files.readAllBytes(burned)),
                "the guest's copy is re-encoded with the watermark");
        // A resumed download gets the same bytes; a person gets the file itself.
        assertEquals(
                burned, world.server.guestDownloads().fileFor(caller, world.mediaId, original, frames, "original"));
        assertEquals(
                original,
                world.server
                        .guestDownloads()
                        .fileFor(new Caller(Principal.ANONYMOUS, null), world.mediaId, original, frames, "original"));

        JsonNode stats =
                json(world.call(EDITOR, "GET", "/api/shares/" + link.get("id").asText() + "/analytics", null), 200);
        assertEquals(2, stats.get("downloads").asInt());
        assertTrue(audited("guest.downloaded"));

        // Each download right is for its own file.
        String proxyOnly = guestOf(assetLink("[\"view\",\"downloadProxy\"]"), "Pia");
        Caller proxyGuest =
                new Caller(world.server.guests().authenticate(proxyOnly).orElseThrow(), null);
        assertThrows(
                ApiException.Forbidden.class,
                () -> world.server.guestDownloads().fileFor(proxyGuest, world.mediaId, original, frames, "original"));
        // Over HTTP: the proxy-only guest gets the proxy download (this media plays in browsers as it
        // is, so its proxy is the original the stream sends), not the original, and no made-up rendition.
        String download = "/api/media/" + world.mediaId + "/download";
        assertEquals(403, asGuest(proxyOnly, "GET", download, null).statusCode());
        HttpResponse<String> proxied = asGuest(proxyOnly, "GET", download + "?rendition=proxy", null);
        assertEquals(200, proxied.statusCode(), proxied.body());
        assertTrue(
                proxied.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"),
                proxied.headers().toString());
        assertEquals(
                400,
                asGuest(proxyOnly, "GET", download + "?rendition=poster", null).statusCode());

        // Without a watermark, the guest downloads the original.
        String plain = guestOf(assetLink("[\"view\",\"download\"]"), "Pat");
        Caller plainGuest = new Caller(world.server.guests().authenticate(plain).orElseThrow(), null);
        assertEquals(
                original,
                world.server.guestDownloads().fileFor(plainGuest, world.mediaId, original, frames, "original"));
    }

    // ---- helpers

    private String assetLink(String rights) {
        return assetLink(rights, "");
    }

    private String assetLink(String rights, String more) {
        return "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":" + rights + more + "}";
    }

    private JsonNode create(AccessWorld.Who who, String body) throws Exception {
        return json(world.call(who, "POST", "/api/shares", body), 201);
    }

    private String guestOf(String linkBody, String name) throws Exception {
        String token = create(EDITOR, linkBody).get("token").asText();
        return json(openGuest(token, name, null, null), 201).get("guestToken").asText();
    }

    private HttpResponse<String> openGuest(String token, String name, String email, String password) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("token", token);
        body.put("name", name);
        if (email != null) {
            body.put("email", email);
        }
        if (password != null) {
            body.put("password", password);
        }
        return world.call(ANONYMOUS, "POST", "/api/guest/sessions", AccessWorld.JSON.writeValueAsString(body));
    }

    private HttpResponse<String> asGuest(String guestToken, String method, String path, String body) throws Exception {
        return world.call(ANONYMOUS, method, path, body, Map.of("Authorization", "Bearer " + guestToken));
    }

    private void heartbeat(String guest, String mediaId, long from, long to, double seconds) throws Exception {
        HttpResponse<String> r = asGuest(
                guest,
                "POST",
                "/api/guest/heartbeat",
                "{\"mediaId\":\"" + mediaId + "\",\"fromFrame\":" + from + ",\"toFrame\":" + to + ",\"seconds\":"
                        + seconds + "}");
        assertEquals(204, r.statusCode(), r.body());
    }

    private boolean audited(String action) throws Exception {
        JsonNode entries = json(world.call(ADMIN, "GET", "/api/admin/audit?limit=200&action=" + action, null), 200);
        for (JsonNode e : entries) {
            if (action.equals(e.get("action").asText())) {
                assertNotNull(e.get("actorName"));
                return true;
            }
        }
        return false;
    }

    private static void assertField(HttpResponse<String> response, int status, String field) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                field,
                AccessWorld.JSON
                        .readTree(response.body())
                        .at("/error/details/field")
                        .asText(),
                response.body());
    }

    private static JsonNode byName(JsonNode guests, String name) {
        for (JsonNode g : guests) {
            if (name.equals(g.get("name").asText())) {
                return g;
            }
        }
        throw new AssertionError("no guest " + name + " in " + guests);
    }

    private static String line(List<String> lines, String start) {
        return lines.stream()
                .filter(l -> l.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + start + " in " + lines));
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (id.equals(item.get("id").asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in " + items);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
