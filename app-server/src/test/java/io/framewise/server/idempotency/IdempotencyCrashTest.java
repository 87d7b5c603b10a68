package io.framewise.server.idempotency;

import static io.framewise.model.testing.Await.until;
import static io.framewise.server.testing.DataFolder.integrityCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes posted with keys while the server process is killed with SIGKILL: after the restart every
 * request that got no answer is sent again with its key, and then every acknowledged note is there
 * and no request made two. Besides the requests the kill happens to cut off, a few are stored for
 * sure before it while their client never reads the answer (an answer lost on the way): their
 * retries must replay the stored answer.
 */
class IdempotencyCrashTest {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final int SENDERS = 16;
    /** Acknowledged notes before the kill: enough that the kill lands mid-burst. */
    static final int ACKED_BEFORE_KILL = 40;

    static final int MAX_REQUESTS = 2000;
    /** Requests stored before the kill whose answers the client never reads. */
    static final int LOST_ANSWERS = 5;

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One logical create: its key and body stay the same across retries. */
    record Sent(String key, String text, int frame) {
        String body() {
            return "{\"text\":\"" + text + "\",\"frame\":" + frame + "}";
        }
    }

    @Test
    void retryingUnansweredRequestsAfterAKillMakesNoDuplicatesAndLosesNothingAcknowledged() throws Exception {
        Path log = Path.of("target", "crash-logs", "idempotency-burst.log");
        Map<Sent, String> acknowledged = new HashMap<>();
        List<Sent> unanswered = new ArrayList<>();
        Map<Sent, String> storedUnread = new HashMap<>();
        List<java.net.Socket> unread = new ArrayList<>();
        String mediaId;
        try (ServerProcess first = ServerProcess.start(data, log, Map.of())) {
            mediaId = uploadAndAwaitReady(first);
            for (int i = 0; i < LOST_ANSWERS; i++) {
                Sent sent = new Sent(UUID.randomUUID().toString(), "lost answer " + i, i);
                unread.add(postWithoutReading(first.baseUri(), mediaId, sent));
                storedUnread.put(sent, null);
            }
            until("the notes whose answers were not read to be stored", DEADLINE, () -> {
                try {
                    for (JsonNode note : notes(first, mediaId)) {
                        storedUnread.keySet().stream()
                                .filter(s -> s.text().equals(note.path("text").asText()))
                                .forEach(
                                        s -> storedUnread.put(s, note.path("id").asText()));
                    }
                    return !storedUnread.containsValue(null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ConcurrentLinkedQueue<Sent> answered = new ConcurrentLinkedQueue<>();
            Map<Sent, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Sent> lost = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger counter = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int s = 0; s < SENDERS; s++) {
                senders.execute(() -> {
                    while (true) {
                        int n = counter.getAndIncrement();
                        if (n >= MAX_REQUESTS) {
                            return;
                        }
                        Sent sent = new Sent(UUID.randomUUID().toString(), "burst " + n, n % 100);
                        try {
                            HttpResponse<String> r = post(first.baseUri(), mediaId, sent);
                            if (r.statusCode() != 201) {
                                unexpected.add(r.statusCode() + " " + r.body());
                                return;
                            }
                            ids.put(sent, JSON.readTree(r.body()).path("id").asText());
                            answered.add(sent);
                        } catch (IOException e) {
                            lost.add(sent);
                            if (killed.get()) {
                                return;
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            until("notes to be acknowledged", DEADLINE, () -> answered.size() >= ACKED_BEFORE_KILL);
            killed.set(true);
            assertEquals(ServerProcess.SIGKILL_EXIT, first.kill(), "killed by SIGKILL");
            senders.shutdown();
            assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS), "the senders stopped");
            assertEquals(List.of(), List.copyOf(unexpected), "answers other than 201 before the kill");
            answered.forEach(s -> acknowledged.put(s, ids.get(s)));
            unanswered.addAll(lost);
            for (java.net.Socket socket : unread) {
                socket.close();
            }
        }
        assertEquals("ok", integrityCheck(data));
        assertTrue(!unanswered.isEmpty(), "some requests were cut off by the kill");

        try (ServerProcess second = ServerProcess.start(data, log, Map.of())) {
            for (Map.Entry<Sent, String> lostAnswer : storedUnread.entrySet()) {
                HttpResponse<String> r = post(second.baseUri(), mediaId, lostAnswer.getKey());
                assertEquals(201, r.statusCode(), r.body());
                assertEquals(
                        "true",
                        r.headers().firstValue(Idempotency.REPLAYED_HEADER).orElse(null),
                        r.body());
                assertEquals(
                        lostAnswer.getValue(),
                        JSON.readTree(r.body()).path("id").asText(),
                        "the stored note's answer");
            }
            int replayed = 0;
            Map<Sent, String> retried = new HashMap<>();
            for (Sent sent : unanswered) {
                HttpResponse<String> r = post(second.baseUri(), mediaId, sent);
                assertEquals(201, r.statusCode(), "retry of " + sent + ": " + r.body());
                retried.put(sent, JSON.readTree(r.body()).path("id").asText());
                if (r.headers().firstValue(Idempotency.REPLAYED_HEADER).isPresent()) {
                    replayed++;
                }
            }
            // Every key made at most one note, and every answered request's note is there.
            Map<String, Integer> byText = new HashMap<>();
            Map<String, String> idByText = new HashMap<>();
            for (JsonNode note : notes(second, mediaId)) {
                byText.merge(note.path("text").asText(), 1, Integer::sum);
                idByText.put(note.path("text").asText(), note.path("id").asText());
            }
            byText.forEach((text, count) -> assertEquals(1, count, "notes with text '" + text + "'"));
            acknowledged.forEach((sent, id) -> assertEquals(id, idByText.get(sent.text()), "acknowledged " + sent));
            retried.forEach((sent, id) -> assertEquals(id, idByText.get(sent.text()), "retried " + sent));
            storedUnread.forEach((sent, id) -> assertEquals(id, idByText.get(sent.text()), "unread " + sent));
            assertEquals(
                    acknowledged.size() + retried.size() + storedUnread.size(),
                    byText.size(),
                    "nothing else was stored");
            System.out.printf(
                    "%d acknowledged before the kill, %d unanswered; retries: %d replayed, %d ran afresh%n",
                    acknowledged.size(), unanswered.size(), replayed, unanswered.size() - replayed);
            assertEquals(ServerProcess.SIGKILL_EXIT, second.kill());
        }
        assertEquals("ok", integrityCheck(data));
    }

    private HttpResponse<String> post(URI base, String mediaId, Sent sent) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve("api/media/" + mediaId + "/comments"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header(Idempotency.HEADER, sent.key())
                        .POST(HttpRequest.BodyPublishers.ofString(sent.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request and leaves its answer unread: to the client, the answer never came. */
    private static java.net.Socket postWithoutReading(URI base, String mediaId, Sent sent) throws IOException {
        java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort());
        byte[] body = sent.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        socket.getOutputStream()
                .write(("POST /api/media/" + mediaId + "/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/json\r\n" + Idempotency.HEADER + ": " + sent.key()
                                + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return socket;
    }

    private String uploadAndAwaitReady(ServerProcess server) throws Exception {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(server.uri("/api/media?filename=clip.mp4"))
                        .POST(HttpRequest.BodyPublishers.ofFile(TestMedia.get(TestMedia.Variant.H264_2997_DF)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();
        MediaReady.await(id, () -> getJson(server, "/api/media/" + id));
        return id;
    }

    private JsonNode notes(ServerProcess server, String mediaId) throws Exception {
        return getJson(server, "/api/media/" + mediaId + "/comments").path("items");
    }

    private JsonNode getJson(ServerProcess server, String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
