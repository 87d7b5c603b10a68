package io.framewise.server.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.TestMedia;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the desktop asks of the server it runs itself, beyond HTTP. */
class EmbeddedServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsTheOriginalOfAnUploadedItemOnThisDisk(@TempDir Path data) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            assertEquals(data.toAbsolutePath().normalize(), server.dataDir());
            Path clip = TestMedia.get(TestMedia.Variant.H264_2997_DF);
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/media?filename=harbour.mp4"))
                            .POST(HttpRequest.BodyPublishers.ofFile(clip))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String id = JSON.readTree(created.body()).get("id").asText();

            Path original = server.localOriginal(id).orElseThrow();
            assertTrue(original.startsWith(server.dataDir()), original.toString());
            assertEquals(Files.size(clip), Files.size(original));
            assertEquals(Optional.empty(), server.localOriginal("AAAAAAAAAAAAAAAAAAAAAA"), "an unknown item");
        }
    }

    @Test
    void theHostGetsOneAdminAccountWhoseFirstPasswordSignsIn(@TempDir Path data) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.lan(data, 0, "framewise-test.local")) {
            HostAdmin admin = server.ensureAdmin("host").orElseThrow();
            assertTrue(admin.createdNow());
            assertFalse(admin.toString().contains(admin.initialPassword()), "the password stays out of logs");

            HostAdmin again = server.ensureAdmin("host").orElseThrow();
            assertEquals(admin.id(), again.id());
            assertFalse(again.createdNow(), "an existing account keeps its password");
            assertTrue(server.ensureAdmin("someone-else").isEmpty(), "a library with accounts gets none added");

            HttpResponse<String> login = HTTP.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                                    .put("username", "host")
                                    .put("password", admin.initialPassword())
                                    .toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            JsonNode user = JSON.readTree(login.body()).get("user");
            assertTrue(user.get("isAdmin").asBoolean(), user.toString());

            HostToken token = server.issueHostToken(admin);
            assertNotNull(token.expires());
            assertEquals(
                    token.id(),
                    Files.readString(data.resolve(HostToken.ID_FILE)).strip());
            HttpResponse<String> me = HTTP.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/me"))
                            .header("Authorization", "Bearer " + token.token())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body());
            assertEquals(admin.id(), JSON.readTree(me.body()).get("id").asText());
            token.revoke();
        }
    }
}
