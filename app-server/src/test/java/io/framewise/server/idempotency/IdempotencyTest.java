package io.framewise.server.idempotency;

import static io.framewise.model.testing.Await.until;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import io.framewise.server.testing.DataFolder;
import io.framewise.server.testing.SqliteOnly;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Idempotency-Key} on creating routes, against a real server with accounts. */
class IdempotencyTest {

    @TempDir
    static Path data;

    static AccessWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new AccessWorld(data);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void theSameKeyTwiceMakesOneNoteAndAnswersTheSame() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"text\":\"once only\",\"frame\":4}";
        HttpResponse<String> first = note(Who.REVIEWER, key, body);
        HttpResponse<String> again = note(Who.REVIEWER, key, body);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(first.body(), again.body(), "the very same answer");
        assertFalse(first.headers().firstValue(Idempotency.REPLAYED_HEADER).isPresent());
        assertEquals(
                "true", again.headers().firstValue(Idempotency.REPLAYED_HEADER).orElse(null));
        assertEquals(
                "application/json",
                again.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(1, notesWithText("once only"));
    }

    @Test
    void theSameKeyWithAnotherBodyOrRouteIsRefusedAndChangesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        assertEquals(
                201,
                note(Who.REVIEWER, key, "{\"text\":\"first body\",\"frame\":1}").statusCode());
        HttpResponse<String> other = note(Who.REVIEWER, key, "{\"text\":\"second body\",\"frame\":1}");
        assertEquals(422, other.statusCode(), other.body());
        JsonNode error = AccessWorld.JSON.readTree(other.body()).path("error");
        assertTrue(error.path("message").asText().contains("Idempotency-Key"), other.body());
        assertTrue(error.path("message").asText().contains("different request"), other.body());
        assertEquals("Idempotency-Key", error.path("details").path("header").asText());
        HttpResponse<String> elsewhere =
                world.call(Who.REVIEWER, "POST", "/api/projects", "{\"name\":\"x\"}", Map.of(Idempotency.HEADER, key));
        assertTrue(elsewhere.statusCode() == 422 || elsewhere.statusCode() == 403, elsewhere.body());
        assertEquals(1, notesWithText("first body"));
        assertEquals(0, notesWithText("second body"));
    }

    @Test
    void anotherPersonsSameKeyIsTheirOwn() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"text\":\"same key, two people\",\"frame\":2}";
        HttpResponse<String> reviewer = note(Who.REVIEWER, key, body);
        HttpResponse<String> editor = note(Who.EDITOR, key, body);
        assertEquals(201, reviewer.statusCode(), reviewer.body());
        assertEquals(201, editor.statusCode(), editor.body());
        assertFalse(editor.headers().firstValue(Idempotency.REPLAYED_HEADER).isPresent(), "not someone else's answer");
        assertNotEquals(id(reviewer), id(editor));
        assertEquals(
                world.userIds.get(Who.EDITOR),
                AccessWorld.JSON.readTree(editor.body()).path("authorId").asText());
        assertEquals(2, notesWithText("same key, two people"));
    }

    @Test
    void refusalsAreNotRememberedSoTheCorrectedRequestRuns() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> bad = note(Who.REVIEWER, key, "{\"text\":\"fixed later\",\"frame\":999999}");
        assertEquals(422, bad.statusCode(), bad.body());
        HttpResponse<String> good = note(Who.REVIEWER, key, "{\"text\":\"fixed later\",\"frame\":9}");
        assertEquals(201, good.statusCode(), good.body());
        assertEquals(1, notesWithText("fixed later"));
    }

    @Test
    void keysAreCheckedAndExpireAfterADay() throws Exception {
        for (String bad : new String[] {"", "x".repeat(256), "tab\there"}) {
            HttpResponse<String> r = note(Who.REVIEWER, bad, "{\"text\":\"bad key\",\"frame\":1}");
            assertEquals(400, r.statusCode(), "key '" + bad + "': " + r.body());
            assertTrue(r.body().contains("Idempotency-Key"), r.body());
        }
        assertEquals(0, notesWithText("bad key"));
        String key = "\"" + UUID.randomUUID() + "\"";
        String body = "{\"text\":\"a day later\",\"frame\":5}";
        assertEquals(201, note(Who.REVIEWER, key, body).statusCode());
        world.clock.advance(Idempotency.KEEP.plusMinutes(1));
        HttpResponse<String> later = note(Who.REVIEWER, key, body);
        assertEquals(201, later.statusCode(), later.body());
        assertFalse(later.headers().firstValue(Idempotency.REPLAYED_HEADER).isPresent(), "the key was forgotten");
        assertEquals(2, notesWithText("a day later"));
    }

    @Tag(SqliteOnly.TAG)
    @Test
    void aRepeatedTokenRequestGetsTheSameTokenWhichTheDatabaseDoesNotHold() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first =
                world.call(Who.EDITOR, "POST", "/api/tokens", "{\"name\":\"laptop\"}", Map.of(Idempotency.HEADER, key));
        HttpResponse<String> again =
                world.call(Who.EDITOR, "POST", "/api/tokens", "{\"name\":\"laptop\"}", Map.of(Idempotency.HEADER, key));
        String token = json(first, 201).path("token").asText();
        assertEquals(token, json(again, 201).path("token").asText());
        long laptops = StreamSupport.stream(
                        json(world.call(Who.EDITOR, "GET", "/api/tokens", null), 200)
                                .spliterator(),
                        false)
                .filter(t -> t.path("name").asText().equals("laptop"))
                .count();
        assertEquals(1, laptops, "one token made");
        byte[] database = Files.readAllBytes(data.resolve("framewise.db"));
        byte[] wal = Files.exists(data.resolve("framewise.db-wal"))
                ? Files.readAllBytes(data.resolve("framewise.db-wal"))
                : new byte[0];
        String secretPart = token.substring(token.length() - 24);
        assertFalse(contains(database, secretPart) || contains(wal, secretPart), "the secret is stored sealed");
        assertFalse(contains(database, key) || contains(wal, key), "the key itself is not stored");
    }

    @Test
    void aRepeatWhileTheFirstStillRunsIsToldToWaitThenGetsItsAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] file = Files.readAllBytes(
                io.framewise.media.testing.TestMedia.get(io.framewise.media.testing.TestMedia.Variant.H264_2997_DF));
        try (Socket socket = new Socket(
                world.server.baseUri().getHost(), world.server.baseUri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/media?filename=slow.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + world.tokens.get(Who.EDITOR) + "\r\n"
                            + "Idempotency-Key: " + key + "\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Length: " + file.length + "\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, file.length / 2);
            out.flush();
            until("the first upload to be received", Duration.ofSeconds(30), () -> {
                try {
                    return !DataFolder.partFiles(data.resolve("uploads")).isEmpty();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            HttpResponse<String> meanwhile = upload(key, file);
            assertEquals(409, meanwhile.statusCode(), meanwhile.body());
            assertEquals("1", meanwhile.headers().firstValue("Retry-After").orElse(null));
            assertTrue(
                    AccessWorld.JSON
                            .readTree(meanwhile.body())
                            .path("error")
                            .path("details")
                            .path("inProgress")
                            .asBoolean(),
                    meanwhile.body());

            out.write(file, file.length / 2, file.length - file.length / 2);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
            String firstId = AccessWorld.JSON
                    .readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4))
                    .path("id")
                    .asText();
            HttpResponse<String> repeat = upload(key, file);
            assertEquals(201, repeat.statusCode(), repeat.body());
            assertEquals(
                    "true",
                    repeat.headers().firstValue(Idempotency.REPLAYED_HEADER).orElse(null));
            assertEquals(firstId, id(repeat));
        }
        long slow = StreamSupport.stream(
                        json(world.call(Who.ADMIN, "GET", "/api/media?limit=1000", null), 200)
                                .path("items")
                                .spliterator(),
                        false)
                .filter(m -> m.path("name").asText().equals("slow.mp4"))
                .count();
        assertEquals(1, slow, "one media item for the one upload");
    }

    @Test
    void aRepeatedResumableUploadCreationAnswersTheSameUpload() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of(
                "Tus-Resumable",
                "1.0.0",
                "Upload-Length",
                "1000",
                "Upload-Metadata",
                "filename " + java.util.Base64.getEncoder().encodeToString("t.mov".getBytes()),
                Idempotency.HEADER,
                key);
        HttpResponse<String> first = world.call(Who.EDITOR, "POST", "/api/tus", null, headers);
        HttpResponse<String> again = world.call(Who.EDITOR, "POST", "/api/tus", null, headers);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, again.statusCode(), again.body());
        String location = first.headers().firstValue("Location").orElseThrow();
        assertEquals(location, again.headers().firstValue("Location").orElse(null));
        assertEquals("1.0.0", again.headers().firstValue("Tus-Resumable").orElse(null));
        assertEquals(
                "true", again.headers().firstValue(Idempotency.REPLAYED_HEADER).orElse(null));
        Map<String, String> longer = new java.util.HashMap<>(headers);
        longer.put("Upload-Length", "2000");
        assertEquals(
                422, world.call(Who.EDITOR, "POST", "/api/tus", null, longer).statusCode(), "another upload, same key");
    }

    @Test
    void theOpenApiDocumentDescribesTheHeader() throws Exception {
        JsonNode doc = json(world.call(Who.ANONYMOUS, "GET", "/api/openapi.json", null), 200);
        assertEquals(
                "header", doc.at("/components/parameters/IdempotencyKey/in").asText());
        assertEquals(
                "Idempotency-Key",
                doc.at("/components/parameters/IdempotencyKey/name").asText());
        for (String route : IdempotentRoutes.product().all().keySet()) {
            String method = route.substring(0, route.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
            String path = route.substring(route.indexOf(' ') + 1);
            JsonNode params = doc.path("paths").path(path).path(method).path("parameters");
            assertTrue(
                    StreamSupport.stream(params.spliterator(), false)
                            .anyMatch(p -> p.path("$ref").asText().equals("#/components/parameters/IdempotencyKey")),
                    route + " documents Idempotency-Key: " + params);
        }
    }

    private HttpResponse<String> note(Who who, String key, String body) throws Exception {
        return world.call(
                who, "POST", "/api/media/" + world.mediaId + "/comments", body, Map.of(Idempotency.HEADER, key));
    }

    private HttpResponse<String> upload(String key, byte[] file) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(world.uri("/api/media?filename=slow.mp4"))
                .header("Authorization", "Bearer " + world.tokens.get(Who.EDITOR))
                .header("Content-Type", "application/octet-stream")
                .header(Idempotency.HEADER, key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file));
        return AccessWorld.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long notesWithText(String text) throws Exception {
        JsonNode items = json(world.call(Who.ADMIN, "GET", "/api/media/" + world.mediaId + "/comments", null), 200)
                .path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(n -> n.path("text").asText().equals(text))
                .count();
    }

    private static String id(HttpResponse<String> response) throws Exception {
        return AccessWorld.JSON.readTree(response.body()).path("id").asText();
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
