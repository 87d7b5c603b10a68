package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Local accounts in the browser: sign-in with its errors and the rate-limit message, then pages that
 * send the CSRF token (tokens, users) and the admin audit log.
 */
class AccountsBrowserTest {

    static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path data;

    static FramewiseServer server;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data).withPort(0).withWorkers(1).withAuth(AuthSettings.local()));
        server.repositories().accounts().create("ada", PASSWORD, true);
        server.repositories().accounts().create("carol", PASSWORD, false);
        server.repositories().accounts().create("erin", PASSWORD, false);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static void signIn(Browser b, String user, String password) {
        WebElement name = b.await(
                "the sign-in form",
                d -> d.findElements(By.name("username")).stream().findFirst().orElse(null));
        name.clear();
        name.sendKeys(user);
        WebElement pw = b.driver().findElement(By.name("password"));
        pw.clear();
        pw.sendKeys(password);
        b.driver().findElement(By.cssSelector("button[type='submit']")).click();
    }

    @Test
    void signInShowsWhatWentWrongThenOpensThePageAskedFor() {
        try (Browser b = new Browser(server.baseUri())) {
            b.open("/account");
            b.await("sent to sign in", d -> d.getCurrentUrl().contains("/signin?next=%2Faccount"));
            signIn(b, "ada", "wrong password");
            String error = b.find("signin-error").getText();
            assertFalse(error.isBlank());
            signIn(b, "ada", PASSWORD);
            b.await("back on the page asked for", d -> d.getCurrentUrl().endsWith("/account"));
            b.awaitText("signed-in-as", "ada");

            // Creating a token is a cookie-authenticated POST: it only works with the CSRF header.
            b.driver()
                    .findElement(By.cssSelector("input[placeholder='e.g. render farm']"))
                    .sendKeys("ci");
            b.driver().findElements(By.cssSelector("button.primary")).stream()
                    .filter(e -> e.getText().equals("Create token"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            String token = b.find("new-token").getText();
            assertTrue(token.length() >= 20, "the token is shown once: " + token);
            assertEquals(1, server.tokens().listByOwner(userId("ada")).size());
        }
    }

    private static String userId(String name) {
        return server.repositories().accounts().findByName(name).orElseThrow().id();
    }

    @Test
    void tooManyWrongPasswordsSayHowLongToWait() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            http.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"carol\",\"password\":\"nope\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        try (Browser b = new Browser(server.baseUri())) {
            b.open("/signin");
            signIn(b, "carol", PASSWORD);
            String error = b.find("signin-error").getText();
            assertTrue(error.matches("Too many attempts\\. Wait \\d+ seconds, then try again\\."), error);
        }
    }

    @Test
    void aSignedInUploadSendsTheCsrfTokenOnEveryUnsafeRequest() throws Exception {
        try (Browser b = new Browser(server.baseUri())) {
            b.open("/signin");
            signIn(b, "ada", PASSWORD);
            b.await("the library", d -> d.findElements(By.id("new-project")).size() == 1);
            b.driver().findElement(By.id("new-project")).sendKeys("Signed in");
            b.driver()
                    .findElement(By.cssSelector("form.new button[type='submit']"))
                    .click();
            b.await("the new project open", d -> d.getCurrentUrl().contains("/projects/"));
            b.find("file-input").sendKeys(TestMedia.get(Variant.H264_2997_DF).toString());
            b.await("the upload filed and ready", d -> b.all("asset").stream()
                    .anyMatch(a -> "ready".equals(a.getAttribute("data-status"))));
            // Project, upload (tus POST and PATCH) and asset were all cookie-authenticated writes.
            assertTrue(server.repositories().projects().list().stream()
                    .anyMatch(p -> p.name().equals("Signed in")));
            assertEquals(1, b.all("asset").size());
        }
    }

    @Test
    void signOutEverywhereAsksFirstThenEndsEverySessionAndToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> otherLogin = http.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"erin\",\"password\":\"" + PASSWORD + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, otherLogin.statusCode(), otherLogin.body());
        String otherSession = otherLogin.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("fw_session="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        String token = server.tokens().issue(userId("erin"), "laptop", null).token();
        try (Browser b = new Browser(server.baseUri())) {
            b.open("/signin?next=%2Faccount");
            signIn(b, "erin", PASSWORD);
            b.await("the account page", d -> d.getCurrentUrl().endsWith("/account"));
            b.find("sign-out-everywhere").click();
            b.find("confirm-sign-out-everywhere");
            b.screenshot("sign-out-everywhere-confirm");
            b.driver().findElements(By.tagName("button")).stream()
                    .filter(e -> e.getText().equals("Cancel"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            b.find("sign-out-everywhere");
            assertEquals(200, me(http, "Cookie", otherSession), "cancelled: nothing ended");

            b.find("sign-out-everywhere").click();
            b.find("confirm-sign-out-everywhere").click();
            b.await("back at sign-in", d -> d.getCurrentUrl().contains("/signin"));
            assertEquals(401, me(http, "Cookie", otherSession), "the other browser is signed out");
            assertEquals(401, me(http, "Authorization", "Bearer " + token), "the token is revoked");
            b.open("/account");
            b.await("this browser is signed out too", d -> d.getCurrentUrl().contains("/signin"));
        }
    }

    private static int me(HttpClient http, String header, String value) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(server.baseUri().resolve("/api/me"))
                                .header(header, value)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void adminsManageUsersAndReadTheAuditLog() {
        try (Browser b = new Browser(server.baseUri())) {
            b.open("/signin?next=%2Fadmin");
            signIn(b, "ada", PASSWORD);
            b.await("the admin page", d -> d.getCurrentUrl().endsWith("/admin"));
            WebElement form = b.await("the add-user form", d -> d.findElements(By.cssSelector("form.add")).stream()
                    .findFirst()
                    .orElse(null));
            form.findElements(By.tagName("input")).get(0).sendKeys("dora");
            form.findElements(By.tagName("input")).get(1).sendKeys("Dora Editor");
            form.findElements(By.tagName("input")).get(2).sendKeys("a long enough password");
            form.findElement(By.cssSelector("button[type='submit']")).click();
            b.await("dora listed", d -> d.getPageSource().contains("Dora Editor"));
            assertTrue(server.repositories().accounts().findByName("dora").isPresent());

            b.driver().findElements(By.cssSelector("[role='tab']")).stream()
                    .filter(e -> e.getText().equals("Audit log"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            b.await("audit rows with the sign-in and the new user", d -> {
                var actions =
                        b.all("audit-action").stream().map(WebElement::getText).toList();
                return actions.contains("login.success") && actions.contains("user.created");
            });
            b.screenshot("admin-audit");
        }
    }
}
