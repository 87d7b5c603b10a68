package io.framewise.desktop.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.testing.Await;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host mode on loopback: the switch starts the embedded server and announces it; a second mDNS
 * browser finds it; a web client reaches the announced URL; switching off withdraws both.
 */
class HostModeTest {

    @Test
    void hostsAnnouncesIsFoundAndStops(@TempDir Path data) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HostViewModel host = new HostViewModel(Runnable::run, Runnable::run, data, () -> loopback, () -> {});
        Map<String, Discovery.Found> found = new ConcurrentHashMap<>();
        try (Discovery browser = Discovery.browse(loopback, f -> found.put(f.name(), f), found::remove)) {
            host.setHosting(true).join();
            assertTrue(host.hostingProperty().get(), host.statusProperty().get());
            String url = host.urlProperty().get();
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            assertNotNull(host.qrProperty().get());
            assertTrue(host.qrProperty().get().size() >= 21, "a QR code is at least 21 modules wide");

            Await.until("the browser to find the hosted server", Duration.ofSeconds(30), () -> !found.isEmpty());
            Discovery.Found f = found.values().iterator().next();
            assertTrue(f.name().startsWith("Framewise on "), f.name());
            assertEquals(url, f.url());

            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(f.url() + "api/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            ApiClient guest = new ApiClient(URI.create(f.url()), null);
            assertEquals("local", guest.authMode(), "the LAN host asks for accounts");
            ApiError anonymous = assertThrows(ApiError.class, guest::media);
            assertEquals(401, anonymous.status());
            String notice = host.adminNoticeProperty().get();
            String password = notice.substring(notice.indexOf(" / ") + 3, notice.indexOf(" (shown once"));
            guest.login(HostViewModel.adminName(), password);
            guest.issueToken("test machine");
            assertTrue(guest.media().isEmpty(), "signed in, a guest's app reads the library with its own token");
            assertTrue(
                    host.hostedProperty().get().api().media().isEmpty(),
                    "the host app is signed in to its own library");

            host.setHosting(false).join();
            assertFalse(host.hostingProperty().get());
            assertEquals("", host.urlProperty().get());
            Await.until("the browser to hear the server is gone", Duration.ofSeconds(30), found::isEmpty);
            assertTrue(refused(f.url()), "the server stopped with the switch");
        }
    }

    private static boolean refused(String url) throws InterruptedException {
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "api/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
