package io.framewise.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.ApiToken;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.http.PublicAddresses;
import io.framewise.server.testing.AttackerSite;
import io.framewise.server.testing.RequestLog;
import io.framewise.server.testing.SsoProxy;
import io.framewise.server.web.Browser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The attacks of "Lock the doors" as a real Chromium performs them: a page on another origin
 * (http://localhost:OTHER) drives the server (http://127.0.0.1:PORT, or localhost:PORT for the
 * same-site case) with fetch, a form and a WebSocket, and a DNS-rebinding name reaches it. Each
 * test fails if the attack works, and proves the request reached the server (its log) so a
 * browser that never sent it cannot make the test pass. Same-origin controls show the server's
 * own pages still can.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossSiteAttackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;

    private AttackerSite site;
    private Browser browser;

    @BeforeAll
    void start() {
        Browser.assumeAvailable();
        site = new AttackerSite();
        browser = new Browser(site.origin());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
    }

    private String attackerOrigin() {
        String o = site.origin().toString();
        return o.substring(0, o.length() - 1);
    }

    private static String newAdminBody(String name) {
        return "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"isAdmin\":true}";
    }

    /** Runs {@code script} (which calls {@code done(result)}) in the page shown and answers the result. */
    private Object async(String script) {
        return ((JavascriptExecutor) browser.driver())
                .executeAsyncScript("const done = arguments[arguments.length - 1];" + script);
    }

    private void awaitTitle(String what) {
        browser.await(what, d -> d.getTitle().startsWith("done"));
    }

    @Test
    void aPageOnAnotherSiteCannotCreateAnAdminWithAPlainTextFetch() throws Exception {
        RequestLog log = new RequestLog();
        try (FramewiseServer server = FramewiseServer.start(
                ServerConfig.defaults(temp.resolve("fetch")).withPort(0).withWorkers(1), log)) {
            URI users = server.baseUri().resolve("api/admin/users");
            browser.driver()
                    .get(site.page(
                                    "/fetch.html",
                                    "<title>waiting</title><script>fetch('" + users + "', {method: 'POST',"
                                            + " mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: '"
                                            + newAdminBody("mallory") + "'}).finally(() => document.title ="
                                            + " 'done')</script>")
                            .toString());
            awaitTitle("the attacking page to send its request");

            RequestLog.Entry seen = log.await(
                    "the cross-site POST",
                    e -> e.method().equals("POST") && e.path().equals("/api/admin/users"),
                    WAIT);
            assertEquals(attackerOrigin(), seen.origin(), "the browser said where the request came from");
            assertEquals(403, seen.status(), "a cross-site state change is refused");
            assertTrue(server.repositories().accounts().findByName("mallory").isEmpty(), "no account was made");

            // The server's own page still can, with JSON; and not with a plain-text body.
            browser.driver().get(server.baseUri().toString());
            Object plain = async("fetch('/api/admin/users', {method: 'POST', headers: {'Content-Type': 'text/plain'},"
                    + " body: '" + newAdminBody("viaplain") + "'}).then(r => done(r.status))");
            assertEquals(415L, plain, "a JSON endpoint takes only JSON bodies, even from the server's own page");
            Object json = async("fetch('/api/admin/users', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/json'}, body: '" + newAdminBody("friend") + "'}).then(r => done(r.status))");
            assertEquals(201L, json);
            assertTrue(server.repositories().accounts().findByName("friend").isPresent());
            assertTrue(server.repositories().accounts().findByName("viaplain").isEmpty());
        }
    }

    @Test
    void aFormOnAnotherSiteCannotPostToTheServer() throws Exception {
        RequestLog log = new RequestLog();
        try (FramewiseServer server = FramewiseServer.start(
                ServerConfig.defaults(temp.resolve("form")).withPort(0).withWorkers(1), log)) {
            URI users = server.baseUri().resolve("api/admin/users");
            // A text/plain form whose one field spells out a JSON body:
            // {"name":...,"isAdmin":true,"displayName":"  =  Form"}
            String json = newAdminBody("formuser");
            String fieldName = json.substring(0, json.length() - 1) + ",\"displayName\":\"";
            browser.driver()
                    .get(site.page(
                                    "/form.html",
                                    "<form method='POST' enctype='text/plain' action='" + users + "'><input"
                                            + " type='hidden' name='" + fieldName.replace("'", "&#39;")
                                            + "' value='Form\"}'></form><script>document.forms[0].submit()</script>")
                            .toString());

            RequestLog.Entry seen = log.await(
                    "the form's POST",
                    e -> e.method().equals("POST") && e.path().equals("/api/admin/users"),
                    WAIT);
            assertEquals(attackerOrigin(), seen.origin());
            assertEquals(403, seen.status());
            browser.await("the refusal shown", d -> d.getPageSource().contains("cross_origin"));
            assertTrue(server.repositories().accounts().findByName("formuser").isEmpty(), "no account was made");
        }
    }

    @Test
    void aWebSocketFromAnotherOriginIsNotUpgradedEvenWithTheSessionCookie() throws Exception {
        try (FramewiseServer server = FramewiseServer.start(ServerConfig.defaults(temp.resolve("ws"))
                .withPort(0)
                .withWorkers(1)
                .withAuth(AuthSettings.local()))) {
            server.repositories().accounts().create("alice", PASSWORD, true);
            // The server by name, so the attacking page on localhost:OTHER is the same site: the
            // session cookie (SameSite=Lax) goes along with its handshake.
            String own = "http://localhost:" + server.port();
            String socket = "ws://localhost:" + server.port() + "/api/ws";
            String probe = "const ws = new WebSocket('" + socket + "');"
                    + "ws.onmessage = m => { ws.close(); report('opened: ' + JSON.parse(m.data).type); };"
                    + "ws.onerror = () => report('refused'); ws.onclose = () => report('refused');";

            browser.driver().get(own + "/");
            Object signedIn = async("fetch('/api/auth/login', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/json'}, body: JSON.stringify({username: 'alice', password: '" + PASSWORD
                    + "'})}).then(r => done(r.status))");
            assertEquals(200L, signedIn);
            Object control = async("let reported = false; const report = r => { if (!reported) { reported = true;"
                    + " done(r); } };" + probe);
            assertEquals("opened: welcome", control, "the server's own page opens the socket with the cookie");

            browser.driver()
                    .get(site.page(
                                    "/ws.html",
                                    "<title>waiting</title><script>let reported = false; const report = r => {"
                                            + " if (!reported) { reported = true; document.title = 'done ' + r;"
                                            + " } };" + probe + "</script>")
                            .toString());
            awaitTitle("the attacking page's socket to settle");
            assertEquals("done refused", browser.driver().getTitle(), "the cross-origin handshake was refused");
        }
    }

    @Test
    void behindASignOnProxyAPageOnAnotherSiteCannotMintATokenAsTheUser() throws Exception {
        RequestLog log = new RequestLog();
        try (SsoProxy proxy = new SsoProxy("alice")) {
            ServerConfig config = ServerConfig.defaults(temp.resolve("proxy"))
                    .withPort(0)
                    .withWorkers(1)
                    .withAuth(AuthSettings.proxy(List.of("127.0.0.1/32")))
                    .withAddresses(PublicAddresses.parse(List.of(proxy.url().toString()), List.of()));
            try (FramewiseServer server = FramewiseServer.start(config, log)) {
                proxy.target(server.baseUri());
                // Through the proxy, as the user: the web UI's own origin is the public URL.
                browser.driver().get(proxy.url().toString());
                Object minted = async("fetch('/api/tokens', {method: 'POST', headers: {'Content-Type':"
                        + " 'application/json'}, body: JSON.stringify({name: 'mine'})}).then(r => done(r.status))");
                assertEquals(201L, minted, "the user's own page mints a token through the proxy");

                URI tokens = proxy.url().resolve("api/tokens");
                browser.driver()
                        .get(site.page(
                                        "/mint.html",
                                        "<title>waiting</title><script>fetch('" + tokens + "', {method: 'POST',"
                                                + " mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body:"
                                                + " '{\"name\":\"stolen\"}'}).finally(() => document.title ="
                                                + " 'done')</script>")
                                .toString());
                awaitTitle("the attacking page to send its request");
                RequestLog.Entry seen = log.await(
                        "the cross-site POST through the proxy",
                        e -> e.method().equals("POST")
                                && e.path().equals("/api/tokens")
                                && attackerOrigin().equals(e.origin()),
                        WAIT);
                assertEquals(403, seen.status());
                String alice = server.repositories()
                        .accounts()
                        .findByName("alice")
                        .orElseThrow()
                        .id();
                assertEquals(
                        List.of("mine"),
                        server.tokens().listByOwner(alice).stream()
                                .map(ApiToken::name)
                                .toList(),
                        "no token was minted for the attacker");
            }
        }
    }

    @Test
    void aRebindingNameIsNotAnswered() throws Exception {
        RequestLog log = new RequestLog();
        try (FramewiseServer server = FramewiseServer.start(
                        ServerConfig.defaults(temp.resolve("rebind"))
                                .withPort(0)
                                .withWorkers(1),
                        log);
                Browser rebound =
                        new Browser(server.baseUri(), List.of("--host-resolver-rules=MAP evil.example 127.0.0.1"))) {
            // After the rebinding, the attacker's own name points at this machine.
            rebound.driver().get("http://evil.example:" + server.port() + "/api/me");
            RequestLog.Entry seen =
                    log.await("the request by the rebound name", e -> e.path().equals("/api/me"), WAIT);
            assertEquals(421, seen.status());
            rebound.await("the refusal shown", d -> d.getPageSource().contains("misdirected_request"));
            assertTrue(!rebound.driver().getPageSource().contains("\"name\""), "nothing about the user leaked");
        }
    }
}
