package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --file-offload}: the server names the file and a real nginx in front sends it, byte
 * ranges included, while the server still decides every request; the internal location cannot be
 * asked for from outside.
 */
class FileOffloadTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @TempDir
    Path front;

    @Test
    void aBadSettingIsRefusedWithWhatIsAccepted() {
        for (String bad : List.of("", "nginx", "nginx:files", "nginx:/a/../b/", "nginx:/a b/", "apache")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> FileOffload.parse(bad, data), bad);
            assertTrue(e.getMessage().contains("nginx:/"), e.getMessage());
        }
        assertEquals(
                FileOffload.Mode.SENDFILE, FileOffload.parse("sendfile", data).mode());
        assertEquals(
                FileOffload.Mode.NGINX,
                FileOffload.parse("nginx:/_files/", data).mode());
    }

    @Test
    void sendfileNamesTheFileAndSendsNoBody() throws Exception {
        try (FramewiseServer server = FramewiseServer.start(
                ServerConfig.defaults(data).withPort(0).withWorkers(1), FileOffload.parse("sendfile", data))) {
            String id = uploadAndAwait(server.baseUri());
            HttpResponse<byte[]> r =
                    get(server.baseUri().resolve("/api/media/" + id + "/stream?rendition=original"), null);
            assertEquals(200, r.statusCode());
            String named = r.headers().firstValue("X-Sendfile").orElseThrow();
            assertTrue(
                    Path.of(named).startsWith(data.toRealPath())
                            || Path.of(named).startsWith(data),
                    named);
            assertArrayEquals(
                    Files.readAllBytes(TestMedia.get(TestMedia.Variant.H264_2997_DF)),
                    Files.readAllBytes(Path.of(named)));
            assertEquals(0, r.body().length, "the front server sends the bytes");
            assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void nginxInFrontSendsTheBytesAndRangesWhileTheServerDecides() throws Exception {
        boolean present = Files.isExecutable(NGINX);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run this test: install Debian's nginx (./framewise test does)");
        }
        Assumptions.assumeTrue(present, "nginx is missing: apt-get install nginx, or run ./framewise test");
        try (FramewiseServer server = FramewiseServer.start(
                ServerConfig.defaults(data).withPort(0).withWorkers(1),
                FileOffload.parse("nginx:/_framewise_files/", data))) {
            int port = freePort();
            Process nginx = startNginx(port, server.baseUri().getPort());
            try {
                URI base = URI.create("http://127.0.0.1:" + port + "/");
                Await.until("nginx answering", Duration.ofSeconds(30), () -> listening(port));
                String id = uploadAndAwait(base);
                byte[] original = Files.readAllBytes(TestMedia.get(TestMedia.Variant.H264_2997_DF));
                URI stream = base.resolve("/api/media/" + id + "/stream?rendition=original");

                HttpResponse<byte[]> whole = get(stream, null);
                assertEquals(200, whole.statusCode());
                assertArrayEquals(original, whole.body());
                assertEquals(
                        "video/mp4", whole.headers().firstValue("Content-Type").orElseThrow());
                assertEquals(
                        "nosniff",
                        whole.headers().firstValue("X-Content-Type-Options").orElseThrow());
                assertFalse(whole.headers().firstValue("X-Accel-Redirect").isPresent(), "nginx keeps it to itself");
                assertEquals(
                        List.of("private, no-cache"),
                        whole.headers().allValues("Cache-Control"),
                        "the server's caching rule reaches the browser once");

                HttpResponse<byte[]> part = get(stream, "bytes=1000-1999");
                assertEquals(206, part.statusCode());
                assertEquals(
                        "bytes 1000-1999/" + original.length,
                        part.headers().firstValue("Content-Range").orElseThrow());
                assertArrayEquals(Arrays.copyOfRange(original, 1000, 2000), part.body());

                // The server still decides: an unknown media is its JSON 404, not a file.
                HttpResponse<byte[]> missing = get(base.resolve("/api/media/AAAAAAAAAAAAAAAAAAAAAA/stream"), null);
                assertEquals(404, missing.statusCode());
                assertTrue(new String(missing.body()).contains("\"error\""), new String(missing.body()));
                // The internal location is not reachable from outside.
                String inside = Files.walk(data.resolve("media"))
                        .filter(Files::isRegularFile)
                        .findFirst()
                        .map(p -> data.relativize(p).toString())
                        .orElseThrow();
                assertEquals(
                        404,
                        get(base.resolve("/_framewise_files/" + inside), null).statusCode());
            } finally {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process startNginx(int port, int upstream) throws IOException {
        Path conf = front.resolve("nginx.conf");
        Files.createDirectories(front.resolve("tmp"));
        // A root test run would hand the workers to "nobody", who may not read the private data folder:
        // the documented setup runs the workers as the server's user, as this does.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        Files.writeString(
                conf,
                user
                        + """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp;
                    proxy_temp_path %1$s/tmp;
                    fastcgi_temp_path %1$s/tmp;
                    uwsgi_temp_path %1$s/tmp;
                    scgi_temp_path %1$s/tmp;
                    sendfile on;
                    server {
                        listen 127.0.0.1:%2$d;
                        client_max_body_size 0;
                        location /_framewise_files/ {
                            internal;
                            alias %3$s/;
                            add_header X-Content-Type-Options nosniff;
                        }
                        location / {
                            proxy_pass http://127.0.0.1:%4$d;
                            proxy_set_header Host $http_host;
                            proxy_request_buffering off;
                            proxy_buffering off;
                        }
                    }
                }
                """
                                .formatted(front, port, data.toAbsolutePath().normalize(), upstream));
        return new ProcessBuilder(NGINX.toString(), "-c", conf.toString(), "-p", front.toString())
                .redirectErrorStream(true)
                .redirectOutput(front.resolve("nginx.out").toFile())
                .start();
    }

    private String uploadAndAwait(URI base) throws Exception {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(base.resolve("/api/media?filename=df.mp4"))
                        .POST(HttpRequest.BodyPublishers.ofFile(TestMedia.get(TestMedia.Variant.H264_2997_DF)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        Await.until("the media ready", Duration.ofSeconds(120), () -> {
            try {
                JsonNode m = JSON.readTree(
                        get(base.resolve("/api/media/" + id), null).body());
                return m.path("status").asText().equals("ready");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return id;
    }

    private HttpResponse<byte[]> get(URI uri, String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (range != null) {
            b.header("Range", range);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
