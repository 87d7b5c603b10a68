package io.framewise.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal that comes before the body is read (here a bad {@code rate} on an upload) reaches a
 * client that is still sending, request after request on one connection, instead of a reset.
 */
class EarlyRefusalTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void aRefusedUploadIsAnsweredWithItsReasonEveryTime() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(body);
        try (FramewiseServer server =
                FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1))) {
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(server.baseUri().resolve("/api/media?filename=a.zip&rate=fast"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(400, r.statusCode(), r.body());
                String code = new ObjectMapper()
                        .readTree(r.body())
                        .path("error")
                        .path("code")
                        .asText();
                assertEquals("bad_request", code, r.body());
            }
            HttpResponse<String> list = http.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/media"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            assertEquals(
                    0, new ObjectMapper().readTree(list.body()).path("total").asInt(), "nothing stored");
        }
    }
}
