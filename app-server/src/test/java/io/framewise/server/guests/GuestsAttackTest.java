package io.framewise.server.guests;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.UPLOADER;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.ws.WsTestClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest routes ({@code /api/guest/*}) and a guest on the live WebSocket, attacked: hostile link
 * tokens, garbage when opening a link, another project's media in a heartbeat or a request, a
 * version the link does not show, a cross-site page driving the guest's cookie, and a live guest
 * reaching for sessions and topics outside its link or for the driver's controls. Each test fails if
 * the attack works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuestsAttackTest {

    private AccessWorld world;
    /** Media of the outsider's home project: nothing of the team's, nothing of any link's. */
    private String otherMedia;

    private String otherAsset;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
        String home = world.home(OUTSIDER);
        otherMedia = world.unfiledMedia(OUTSIDER);
        otherAsset = json(world.file(OUTSIDER, home, otherMedia), 201).get("id").asText();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void hostileLinkTokensFindNothing() throws Exception {
        String guest = world.guestToken(world.assetId);
        for (String token : List.of(
                "fws_" + "A".repeat(43),
                "fws_" + "x".repeat(1000),
                "fws_../../api/shares",
                "fws_%00",
                "' OR 1=1 --",
                // A guest session's token, and a person's API token, are not link tokens.
                guest,
                world.tokens.get(EDITOR))) {
            HttpResponse<String> info = world.call(
                    ANONYMOUS, "GET", "/api/guest/links/" + URLEncoder.encode(token, StandardCharsets.UTF_8), null);
            assertEquals(404, info.statusCode(), token + " -> " + info.body());
            HttpResponse<String> opened = world.call(
                    ANONYMOUS,
                    "POST",
                    "/api/guest/sessions",
                    AccessWorld.JSON.writeValueAsString(Map.of("token", token, "name", "Mallory")));
            assertEquals(404, opened.statusCode(), token + " -> " + opened.body());
            assertFalse(opened.headers().firstValue("Set-Cookie").isPresent(), "no guest session for " + token);
        }
    }

    @Test
    void garbageWhenOpeningALinkIsRefusedAndUsesUpNoViews() throws Exception {
        JsonNode link = newLink("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId
                + "\"},\"rights\":[\"view\"]," + "\"maxViews\":1,\"requireEmail\":true}");
        String token = link.get("token").asText();
        List<String> bodies = List.of(
                "[]",
                "{",
                "{\"token\":\"" + token + "\"}",
                open(token, "", "a@b.example"),
                open(token, "   ", "a@b.example"),
                open(token, "Mal\u0000lory", "a@b.example"),
                open(token, "Mal\nlory", "a@b.example"),
                open(token, "Mal\u001b[31mlory", "a@b.example"),
                // A right-to-left override would make the name read otherwise in analytics, the CSV and
                // the watermark burned into downloads; zero-width characters hide in it.
                open(token, "Mallory\u202Egnp.exe", "a@b.example"),
                open(token, "Mal\u200Blory", "a@b.example"),
                open(token, "x".repeat(101), "a@b.example"),
                open(token, "Mallory", null),
                open(token, "Mallory", "not-an-address"),
                open(token, "Mallory", "a@"),
                open(token, "Mallory", "a b@c.example"),
                open(token, "Mallory", "a@b.example\r\nBcc: everyone@c.example"),
                open(token, "Mallory", "a".repeat(250) + "@b.example"));
        for (String body : bodies) {
            HttpResponse<String> r = world.call(ANONYMOUS, "POST", "/api/guest/sessions", body);
            assertTrue(
                    r.statusCode() == 400 || r.statusCode() == 422,
                    abbreviate(body) + " -> " + r.statusCode() + " " + r.body());
        }
        // Asking for rights in the body does not give them: the link's rights are the guest's.
        HttpResponse<String> greedy = world.call(
                ANONYMOUS,
                "POST",
                "/api/guest/sessions",
                "{\"token\":\"" + token + "\",\"name\":\"Mallory\",\"email\":\"m@b.example\","
                        + "\"rights\":[\"view\",\"download\",\"approve\"]}");
        if (greedy.statusCode() == 201) {
            assertEquals("[\"view\"]", json(greedy, 201).at("/share/rights").toString());
        } else {
            assertEquals(400, greedy.statusCode(), greedy.body());
            HttpResponse<String> fair =
                    world.call(ANONYMOUS, "POST", "/api/guest/sessions", open(token, "Mallory", "m@b.example"));
            assertEquals(201, fair.statusCode(), "the refused attempts used up no view: " + fair.body());
        }
        assertEquals(
                1,
                json(world.call(EDITOR, "GET", "/api/shares/" + link.get("id").asText(), null), 200)
                        .get("views")
                        .asInt());
    }

    @Test
    void aPageOnAnotherSiteCannotOpenALinkOrBeatWithTheGuestsCookie() throws Exception {
        JsonNode link =
                newLink("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"]}");
        String token = link.get("token").asText();
        List<Map<String, String>> crossSite = List.of(
                Map.of("Content-Type", "text/plain", "Origin", "http://evil.example"),
                Map.of("Content-Type", "text/plain", "Sec-Fetch-Site", "cross-site"),
                Map.of("Origin", "http://evil.example"));
        // Opening a link from another site would sign the victim's browser in as the attacker's guest.
        for (Map<String, String> h : crossSite) {
            HttpResponse<String> r =
                    world.call(ANONYMOUS, "POST", "/api/guest/sessions", open(token, "Victim", null), h);
            assertEquals(403, r.statusCode(), h + " -> " + r.body());
            assertFalse(r.headers().firstValue("Set-Cookie").isPresent(), "no guest cookie is set cross-site");
        }
        HttpResponse<String> opened = world.call(ANONYMOUS, "POST", "/api/guest/sessions", open(token, "Gina", null));
        String cookie = guestCookie(opened);
        String beat = "{\"mediaId\":\"" + world.mediaId + "\",\"fromFrame\":0,\"toFrame\":10,\"seconds\":5}";
        for (Map<String, String> h : crossSite) {
            Map<String, String> withCookie = new LinkedHashMap<>(h);
            withCookie.put("Cookie", cookie);
            HttpResponse<String> r = world.call(ANONYMOUS, "POST", "/api/guest/heartbeat", beat, withCookie);
            assertEquals(403, r.statusCode(), h + " -> " + r.body());
        }
        assertEquals(0.0, watchSeconds(link.get("id").asText()), "no cross-site heartbeat was counted");
    }

    @Test
    void heartbeatsOnlyCountInsideTheLinkAndWithinTheMedia() throws Exception {
        JsonNode link =
                newLink("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"]}");
        String guest = guestOf(link);
        long frames = json(world.call(EDITOR, "GET", "/api/media/" + world.mediaId, null), 200)
                .get("frameCount")
                .asLong();
        assertTrue(frames > 0, "the media has frames");
        // Another project's media, media of no link at all, garbage ids: as if they did not exist.
        for (String media : List.of(otherMedia, world.readyUnfiledMedia(UPLOADER, 100), "../../" + world.mediaId)) {
            HttpResponse<String> r =
                    beat(guest, "{\"mediaId\":\"" + media + "\",\"fromFrame\":0,\"toFrame\":1,\"seconds\":1}");
            assertEquals(404, r.statusCode(), media + " -> " + r.body());
        }
        // Inside the link: ranges outside the media, and playing time no heartbeat can cover.
        String m = "\"mediaId\":\"" + world.mediaId + "\"";
        for (String body : List.of(
                "{" + m + ",\"fromFrame\":0,\"toFrame\":" + (frames + 1) + ",\"seconds\":1}",
                "{" + m + ",\"fromFrame\":-5,\"toFrame\":3,\"seconds\":1}",
                "{" + m + ",\"fromFrame\":5,\"toFrame\":5,\"seconds\":1}",
                "{" + m + ",\"fromFrame\":0,\"toFrame\":" + Long.MAX_VALUE + ",\"seconds\":1}",
                "{" + m + ",\"fromFrame\":0,\"toFrame\":3,\"seconds\":-1}",
                "{" + m + ",\"fromFrame\":0,\"toFrame\":3,\"seconds\":601}",
                "{" + m + ",\"fromFrame\":0,\"toFrame\":3,\"seconds\":1e308}",
                "{" + m + ",\"fromFrame\":0,\"toFrame\":3,\"seconds\":1e309}",
                "{" + m + ",\"fromFrame\":0,\"toFrame\":3}",
                "{" + m + ",\"fromFrame\":0,\"toFrame\":99999999999999999999999,\"seconds\":1}",
                "[]",
                "{}",
                "{")) {
            HttpResponse<String> r = beat(guest, body);
            assertTrue(
                    r.statusCode() == 400 || r.statusCode() == 422,
                    abbreviate(body) + " -> " + r.statusCode() + " " + r.body());
        }
        assertEquals(0.0, watchSeconds(link.get("id").asText()), "no refused heartbeat was counted");
        assertEquals(
                204,
                beat(guest, "{" + m + ",\"fromFrame\":0,\"toFrame\":3,\"seconds\":2}")
                        .statusCode());
        assertEquals(2.0, watchSeconds(link.get("id").asText()));
    }

    @Test
    void aGuestReachesNothingOfAnotherProject() throws Exception {
        JsonNode link = newLink("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},"
                + "\"rights\":[\"view\",\"comment\",\"approve\",\"download\",\"downloadProxy\"]}");
        String guest = guestOf(link);
        String o = "/api/media/" + otherMedia;
        for (String[] request : List.of(
                new String[] {"GET", o, null},
                new String[] {"GET", o + "/download", null},
                new String[] {"GET", o + "/comments", null},
                new String[] {"POST", o + "/comments", "{\"text\":\"hello\",\"frame\":1}"},
                new String[] {"PUT", "/api/assets/" + otherAsset + "/versions/1/approval", "{\"status\":\"approved\"}"},
                new String[] {"GET", "/api/assets/" + otherAsset, null})) {
            HttpResponse<String> r = asGuest(guest, request[0], request[1], request[2]);
            assertEquals(404, r.statusCode(), request[0] + " " + request[1] + " -> " + r.body());
        }
    }

    @Test
    void aLinkPinnedToOneVersionDoesNotApproveAnother() throws Exception {
        String first = world.unfiledMedia(EDITOR);
        String asset =
                json(world.file(EDITOR, world.projectId, first), 201).get("id").asText();
        String second = world.unfiledMedia(EDITOR);
        json(world.call(EDITOR, "POST", "/api/assets/" + asset + "/versions", "{\"mediaId\":\"" + second + "\"}"), 201);
        JsonNode link = newLink("{\"target\":{\"type\":\"asset\",\"id\":\"" + asset + "\"},\"version\":1,"
                + "\"rights\":[\"view\",\"approve\"]}");
        String guest = guestOf(link);
        String approve = "{\"status\":\"approved\"}";
        HttpResponse<String> other = asGuest(guest, "PUT", "/api/assets/" + asset + "/versions/2/approval", approve);
        assertEquals(404, other.statusCode(), "version 2 is not in the link: " + other.body());
        assertEquals(404, asGuest(guest, "GET", "/api/media/" + second, null).statusCode());
        HttpResponse<String> own = asGuest(guest, "PUT", "/api/assets/" + asset + "/versions/1/approval", approve);
        assertEquals(200, own.statusCode(), own.body());
        JsonNode versions = json(world.call(EDITOR, "GET", "/api/assets/" + asset, null), 200)
                .get("versions");
        for (JsonNode v : versions) {
            if (v.get("number").asInt() == 2) {
                assertFalse(v.toString().contains("approved"), "version 2 stays undecided: " + v);
            }
        }
    }

    @Test
    void aGuestsNoteIsTheGuestsNotTheLinkCreatorsToChange() throws Exception {
        JsonNode link = newLink("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},"
                + "\"rights\":[\"view\",\"comment\"]}");
        String guest = guestOf(link);
        String note = json(
                        asGuest(
                                guest,
                                "POST",
                                "/api/media/" + world.mediaId + "/comments",
                                "{\"text\":\"from the client\",\"frame\":2}"),
                        201)
                .get("id")
                .asText();
        // The note is filed under the link's creator; that does not make the creator its author.
        assertEquals(
                403,
                world.call(EDITOR, "PATCH", "/api/comments/" + note, "{\"text\":\"put in their mouth\"}")
                        .statusCode());
        // Nor does the guest change it once written (guests add notes and replies).
        assertEquals(
                403,
                asGuest(guest, "PATCH", "/api/comments/" + note, "{\"text\":\"changed\"}")
                        .statusCode());
        assertEquals(
                403, asGuest(guest, "DELETE", "/api/comments/" + note, null).statusCode());
        JsonNode notes = json(asGuest(guest, "GET", "/api/media/" + world.mediaId + "/comments", null), 200);
        assertTrue(notes.toString().contains("from the client"), notes.toString());
        assertFalse(notes.toString().contains("put in their mouth"), notes.toString());
    }

    @Test
    void aLiveGuestStaysInsideItsLinkOnTheWebSocket() throws Exception {
        JsonNode link = newLink("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId
                + "\"},\"rights\":[\"view\"]," + "\"live\":true}");
        String guest = guestOf(link);
        // A page on another site opening the socket with the guest's credentials.
        ExecutionException crossSite = assertThrows(
                ExecutionException.class,
                () -> new WsTestClient(
                        AccessWorld.HTTP,
                        world.server.port(),
                        "evil",
                        Map.of("Authorization", "Bearer " + guest, "Origin", "http://evil.example")));
        assertTrue(crossSite.getCause() instanceof WebSocketHandshakeException, String.valueOf(crossSite.getCause()));
        assertEquals(
                403,
                ((WebSocketHandshakeException) crossSite.getCause())
                        .getResponse()
                        .statusCode());

        String elsewhere = world.readyUnfiledMedia(UPLOADER, 100);
        try (WsTestClient host =
                        new WsTestClient(AccessWorld.HTTP, world.server.port(), "host", world.credentials(ADMIN));
                WsTestClient visitor = new WsTestClient(
                        AccessWorld.HTTP, world.server.port(), "guest", Map.of("Authorization", "Bearer " + guest))) {
            host.await("welcome");
            visitor.await("welcome");
            // Topics outside the link: the asset as a whole, another project's media, media of no link.
            visitor.send("subscribe", "scope", "asset", "id", world.assetId);
            assertEquals("not_found", visitor.await("error").path("code").asText());
            visitor.send("subscribe", "scope", "media", "id", otherMedia);
            assertEquals("not_found", visitor.await("error").path("code").asText());
            visitor.send("subscribe", "scope", "media", "id", elsewhere);
            assertEquals("not_found", visitor.await("error").path("code").asText());
            // Starting a session is the driver's; even on the link's own media.
            visitor.send("session.create", "media", world.mediaId);
            assertEquals("forbidden", visitor.await("error").path("code").asText());

            // A session on media outside the link: as if there were none.
            host.send("session.create", "media", elsewhere);
            String outside = host.await("session.snapshot").get("session").asText();
            visitor.send("session.join", "session", outside);
            assertEquals("unknown_session", visitor.await("error").path("code").asText());

            // A session on the link's media: the guest joins and watches, and drives nothing.
            host.send("session.create", "media", world.mediaId);
            String inside = host.await(
                            "session.snapshot",
                            s -> world.mediaId.equals(s.at("/state/media").asText()))
                    .get("session")
                    .asText();
            visitor.send("session.join", "session", inside);
            assertNotNull(visitor.await("session.snapshot"));
            visitor.send("session.seek", "session", inside, "frame", 5);
            assertEquals("forbidden", visitor.await("error").path("code").asText());
            visitor.send("session.driver.request", "session", inside);
            assertEquals("forbidden", visitor.await("error").path("code").asText());
            visitor.send("session.version", "session", inside, "media", otherMedia);
            assertEquals("forbidden", visitor.await("error").path("code").asText());
            assertTrue(visitor.isOpen(), "refusals answer in words; the guest's connection stays");
        }
    }

    // ---- helpers

    private static String open(String token, String name, String email) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("name", name);
        if (email != null) {
            body.put("email", email);
        }
        return AccessWorld.JSON.writeValueAsString(body);
    }

    /** A new link made by the editor; its answer (with the token). */
    private JsonNode newLink(String body) throws Exception {
        return json(world.call(EDITOR, "POST", "/api/shares", body), 201);
    }

    private String guestOf(JsonNode link) throws Exception {
        return json(
                        world.call(
                                ANONYMOUS,
                                "POST",
                                "/api/guest/sessions",
                                open(link.get("token").asText(), "Guest", null)),
                        201)
                .get("guestToken")
                .asText();
    }

    private static String guestCookie(HttpResponse<String> opened) {
        assertEquals(201, opened.statusCode(), opened.body());
        return opened.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("fw_guest="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no guest cookie: " + opened.headers()));
    }

    private HttpResponse<String> asGuest(String guest, String method, String path, String body) throws Exception {
        return world.call(ANONYMOUS, method, path, body, Map.of("Authorization", "Bearer " + guest));
    }

    private HttpResponse<String> beat(String guest, String body) throws Exception {
        return asGuest(guest, "POST", "/api/guest/heartbeat", body);
    }

    private double watchSeconds(String shareId) throws Exception {
        return json(world.call(EDITOR, "GET", "/api/shares/" + shareId + "/analytics", null), 200)
                .get("watchSeconds")
                .asDouble();
    }

    private static String abbreviate(String body) {
        return body.length() > 120 ? body.substring(0, 120) + "..." : body;
    }
}
