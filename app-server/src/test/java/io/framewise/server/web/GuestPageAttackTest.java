package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The guest page and the owner's new dialogs attacked from the browser: hostile tokens in the
 * address, markup and script in a link's title, an asset's title, a template's name, a guest's name
 * (the per-viewer watermark) and a guest's note, and a page on another site using the guest's
 * cookie. Every attempt must leave the page showing the text as text, running nothing, and changing
 * nothing on the server.
 */
class GuestPageAttackTest {

    /** Markup that, if the page ever used it as HTML, leaves an element behind and sets a flag. */
    static String hostile(String where) {
        return "<x-pwn>" + where + "</x-pwn><img src=x onerror=\"window.__pwned='" + where + "'\">";
    }

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String ownerToken;
    static String projectId;
    static String media;
    static String asset;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(ServerConfig.defaults(data.resolve("server"))
                .withPort(0)
                .withWorkers(2)
                .withAuth(AuthSettings.local()));
        api = ServerFixture.asNewAdmin(server, "owen", AccountsBrowserTest.PASSWORD);
        ownerToken = api.token();
        projectId = api.project("Attacks");
        media = api.upload(TestMedia.get(Variant.H264_2997_DF), "harbour-attack.mp4");
        api.awaitReady(media);
        asset = api.asset(projectId, hostile("asset"), media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void hostileTokensInTheAddressOnlyEverShowTheClosedLinkPage() throws Exception {
        String guestSession = openedGuestToken(share(Map.of("title", "A real link")));
        List<String> tokens = List.of(
                // Markup as the token: the page must not put it anywhere as HTML.
                "%3Cx-pwn%3E%3C%2Fx-pwn%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
                // Encoded separators: the lookup must stay one path segment under /api/guest/links/.
                "..%2F..%2Fapi%2Fshares",
                "%2E%2E%5C..%5Capi%5Cme",
                // Valid percent-encoding of bytes that are not UTF-8: the server refuses these addresses
                // before any page loads (the router keeps them as typed should one get through).
                "%E0%A4",
                "%ED%A0%80",
                "%C0%80",
                "%FF",
                // A real credential of the wrong kind: the owner's API token, a guest's session token.
                ownerToken,
                guestSession,
                // A very long token.
                "A".repeat(3000));
        try (Browser b = new Browser(api.base())) {
            for (String token : tokens) {
                b.open("/s/" + token);
                String shown = b.await("the page for /s/" + token, d -> {
                    if (d.findElements(By.id("app")).isEmpty()) {
                        return "refused by the server";
                    }
                    List<org.openqa.selenium.WebElement> gone = b.all("link-gone");
                    return gone.isEmpty() ? null : "closed link: " + gone.get(0).getAttribute("data-kind");
                });
                if (shown.startsWith("refused")) {
                    continue;
                }
                assertEquals("closed link: revoked", shown, token);
                assertTrue(b.driver().getCurrentUrl().contains("/s/"), "no sign-in page for a guest link: " + token);
                assertTrue(
                        b.all("guest-review").isEmpty() && b.all("guest-start").isEmpty(), token);
                assertNotInjected(b);
                // The page asked the server about this one link and nothing else.
                @SuppressWarnings("unchecked")
                List<String> calls = (List<String>) b.js("return performance.getEntriesByType('resource')"
                        + ".map(e => new URL(e.name).pathname).filter(p => p.startsWith('/api/'));");
                for (String call : calls) {
                    assertTrue(
                            call.equals("/api/auth/config")
                                    || call.equals("/api/me")
                                    || call.matches("/api/guest/links/[^/]+"),
                            "the guest page for " + token + " called " + call);
                }
                assertTrue(calls.stream().anyMatch(c -> c.startsWith("/api/guest/links/")), token);
            }
        }
    }

    @Test
    void markupInTheLinkTitleAssetTitleGuestNameAndNotesShowsAsTextOnTheGuestPage() throws Exception {
        String title = hostile("share");
        String name = hostile("name");
        String note = hostile("note");
        String token =
                share(Map.of("title", title, "watermark", true)).get("token").asText();
        try (Browser b = new Browser(api.base())) {
            b.open("/s/" + token);
            b.awaitText("guest-title", title);
            assertNotInjected(b);
            b.find("guest-name").sendKeys(name);
            b.find("guest-open").click();
            b.find("guest-review");
            b.awaitText("guest-who", name);
            assertEquals(
                    title,
                    b.driver()
                            .findElement(By.cssSelector("[data-testid='guest-review'] h1"))
                            .getText());
            assertTrue(b.find("guest-review").getText().contains(hostile("asset")), "the asset's title as text");

            // The per-viewer watermark carries the typed name as text: three plain spans, no markup.
            WebUiBrowserTest.awaitFrame(b, 0, null);
            assertTrue(
                    b.find("watermark").getText().contains(name),
                    b.find("watermark").getText());
            assertEquals(
                    3L,
                    b.js("return document.querySelectorAll(\"[data-testid='watermark'] *\").length;"),
                    "only the watermark's own three spans");

            b.find("note-input").sendKeys(note);
            b.find("save-note").click();
            b.awaitText("note-text", note);
            assertNotInjected(b);
        }
        JsonNode saved = api.get("/api/media/" + media + "/comments").at("/items/0");
        assertEquals(note, saved.get("text").asText(), "stored as typed");
        assertEquals(name, saved.get("authorName").asText());
    }

    @Test
    void markupInTemplateAndLinkTitlesShowsAsTextToTheOwner() throws Exception {
        String template = hostile("template");
        String linkTitle = hostile("owner-list");
        api.send(
                "POST",
                "/api/templates",
                ServerFixture.JSON.writeValueAsString(Map.of(
                        "projectId",
                        projectId,
                        "name",
                        template,
                        "steps",
                        List.of(Map.of("type", "text", "text", "{title}")),
                        "output",
                        Map.of("format", "mp4"))));
        String shareId = share(Map.of("title", linkTitle)).get("id").asText();
        try (Browser b = new Browser(api.base())) {
            b.open("/templates");
            AccountsBrowserTest.signIn(b, "owen", AccountsBrowserTest.PASSWORD);
            b.await("the template listed", d -> b.all("template-item").stream()
                    .anyMatch(e -> e.getText().contains(template)));
            assertNotInjected(b);

            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            b.press("i");
            b.press("o");
            b.find("cut-open").click();
            b.await(
                    "the template offered in the cut dialog",
                    d -> b.find("cut-template").getText().contains(template));
            assertNotInjected(b);
            b.driver()
                    .findElement(By.cssSelector("[data-testid='cut-dialog'] button[type='button']"))
                    .click();

            b.find("share-open").click();
            b.await("the link listed", d -> !d.findElements(By.cssSelector("[data-share-id='" + shareId + "']"))
                    .isEmpty());
            assertTrue(b.driver()
                    .findElement(By.cssSelector("[data-share-id='" + shareId + "']"))
                    .getText()
                    .contains(linkTitle));
            assertTrue(b.driver().findElement(By.id("share-title")).getText().contains(hostile("asset")));
            assertNotInjected(b);
        }
    }

    @Test
    void aPageOnAnotherSiteCannotActOrReadWithTheGuestsCookie() throws Exception {
        JsonNode link = share(Map.of("title", "Cross-site"));
        String token = link.get("token").asText();
        String linkId = link.get("id").asText();
        URI app = api.base();
        // Another site: the same machine under its other name (localhost and 127.0.0.1 are two sites).
        String evilHost = app.getHost().equals("localhost") ? "127.0.0.1" : "localhost";
        String target = app.getScheme() + "://" + app.getHost() + ":" + app.getPort();
        String beat = "{\"mediaId\":\"" + media + "\",\"fromFrame\":0,\"toFrame\":90,\"seconds\":3}";
        String page = "<!doctype html><title>waiting</title>"
                // A text/plain form whose body is JSON: a note posted as the guest, if the cookie went along.
                + "<form id=f method=POST enctype=text/plain action='" + target + "/api/media/" + media
                + "/comments'><input name='{\"text\":\"cross-site\",\"frame\":1,\"x\":\"' value='\"}'></form>"
                + "<script>"
                + "const beat = fetch('" + target + "/api/guest/heartbeat', {method: 'POST', mode: 'no-cors',"
                + " credentials: 'include', headers: {'Content-Type': 'text/plain'}, body: '" + beat + "'});"
                + "const read = fetch('" + target + "/api/guest/view', {credentials: 'include'})"
                + ".then(r => r.text()).then(t => 'read ' + t, () => 'read blocked');"
                + "Promise.allSettled([beat, read]).then(([, r]) => {"
                + " document.title = r.value; });"
                + "</script>";
        HttpServer evil = HttpServer.create(new InetSocketAddress(evilHost, 0), 0);
        evil.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        try (Browser b = new Browser(app)) {
            b.open("/s/" + token);
            b.find("guest-name").sendKeys("Gina Guest");
            b.find("guest-open").click();
            b.find("guest-review");
            int notesBefore =
                    api.get("/api/media/" + media + "/comments").get("items").size();

            b.driver().get("http://" + evilHost + ":" + evil.getAddress().getPort() + "/");
            String read = b.await("the other site's page to run", d -> {
                String t = d.getTitle();
                return t.startsWith("read") ? t : null;
            });
            // The form's answer replaces the other site's page once the server has answered it.
            b.js("document.getElementById('f').submit();");
            b.await("the form sent", d -> d.getCurrentUrl().startsWith(target + "/api/media/"));
            assertEquals("read blocked", read, "the other site reads nothing of the guest's view");
            assertEquals(
                    notesBefore,
                    api.get("/api/media/" + media + "/comments").get("items").size(),
                    "no note from the other site");
            assertEquals(0.0, analytics(linkId).get("watchSeconds").asDouble(), "no watch time from the other site");

            // The same heartbeat from the guest's own page counts: the session was good all along.
            b.open("/s/" + token);
            b.find("guest-review");
            Object status = ((JavascriptExecutor) b.driver())
                    .executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + "fetch('/api/guest/heartbeat', {method: 'POST', headers: {'Content-Type':"
                                    + " 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem("
                                    + "'framewise.guest.' + arguments[1])}, body: arguments[0]})"
                                    + ".then(r => done(r.status));",
                            beat,
                            token);
            assertEquals(204L, status);
            assertTrue(analytics(linkId).get("watchSeconds").asDouble() > 0, "the guest's own heartbeat counts");
        } finally {
            evil.stop(0);
        }
    }

    /** The page shows no element made from the hostile markup and ran none of its script. */
    private static void assertNotInjected(Browser b) {
        assertNull(b.js("return window.__pwned === undefined ? null : String(window.__pwned);"), "script ran");
        assertEquals(
                0L,
                b.js("return document.querySelectorAll('x-pwn, img[src=\"x\"], [onerror]').length;"),
                "markup became elements on " + b.driver().getCurrentUrl());
    }

    private static JsonNode share(Map<String, Object> options) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(options);
        body.put("target", Map.of("type", "asset", "id", asset));
        body.put("rights", List.of("view", "comment"));
        return api.send("POST", "/api/shares", ServerFixture.JSON.writeValueAsString(body));
    }

    private static JsonNode analytics(String shareId) throws Exception {
        return api.get("/api/shares/" + shareId + "/analytics?format=json");
    }

    /** A guest session's own token, opened over HTTP: a real guest credential that is not a link. */
    private static String openedGuestToken(JsonNode link) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(api.base().resolve("/api/guest/sessions"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(ServerFixture.JSON.writeValueAsString(
                                        Map.of("token", link.get("token").asText(), "name", "Probe"))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return ServerFixture.JSON.readTree(r.body()).get("guestToken").asText();
    }
}
