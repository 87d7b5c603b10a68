package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.notifications.WebhookEvents;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The Admin page's Webhooks tab in Chromium: registering a URL shows its secret once, a note is
 * delivered to a real receiver that checks the signature, and the delivery log shows it sent.
 */
class WebhooksBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String project;
    static String media;
    static HttpServer receiver;
    static final List<Boolean> signed = new CopyOnWriteArrayList<>();
    static volatile String secret = "";

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1));
        api = new ServerFixture(server);
        project = api.project("Hooks");
        media = api.upload(TestMedia.get(Variant.H264_2997_DF), "hooks.mp4");
        api.awaitReady(media);
        api.asset(project, "Hooks", media);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Framewise-Timestamp");
            signed.add(timestamp != null
                    && WebhookEvents.signature(secret, Long.parseLong(timestamp), body)
                            .equals(exchange.getRequestHeaders().getFirst("X-Framewise-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAdministratorRegistersAWebhookAndSeesItsDeliveries() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (Browser b = new Browser(api.base())) {
            b.open("/admin");
            b.find("webhooks-tab").click();
            b.find("webhook-url").sendKeys(url);
            b.find("webhook-project").sendKeys(project);
            b.find("webhook-add").click();
            WebElement shown = b.find("webhook-secret");
            secret = shown.getText().replaceAll(".*:\\s*", "").trim();
            assertEquals(64, secret.length(), shown.getText());
            b.await(
                    "the webhook in the table",
                    d -> b.find("webhook-table").getText().contains(url));

            api.send("POST", "/api/media/" + media + "/comments", "{\"text\":\"Hook from the browser\",\"frame\":4}");
            b.await("the delivery", d -> !signed.isEmpty());
            b.await("the log to say sent", d -> {
                b.find("webhook-log").click();
                return b.all("delivery-table").size() == 1
                        && b.find("delivery-table").getText().contains("sent");
            });
            assertTrue(b.find("delivery-table").getText().contains("note.created"));
            b.screenshot("webhooks-admin");
        }
        assertEquals(List.of(true), signed, "one delivery, signed with the secret the page showed");
    }
}
