package io.framewise.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the WebSocket benchmarks share: a round of one note made and timed until every subscriber
 * heard of it, the note's text that marks the round, making the note, and the subscriber that times
 * its arrival.
 */
final class NoteEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NoteEvents() {}

    /** Round {@code number}, its note sent at {@code sentNanos}, waiting for {@code pending} clients. */
    record Round(int number, long sentNanos, CountDownLatch pending) {}

    /** The text of round {@code number}'s note: the subscribers recognise their round by it. */
    static String text(String prefix, int number) {
        return prefix + " #" + number + "#";
    }

    /** Makes a note with {@code text} at frame 10 through {@code comments} (a media item's notes). */
    static void post(HttpClient rest, URI comments, String text) throws Exception {
        HttpResponse<String> r = rest.send(
                HttpRequest.newBuilder(comments)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                                .put("text", text)
                                .put("frame", 10)
                                .toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("creating a note answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** One WebSocket client: subscribes to the media, then times every note event it receives. */
    static final class Subscriber implements WebSocket.Listener {
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final String mediaId;
        private final AtomicReference<Round> current;
        private final Samples samples;
        private final String prefix;
        private final StringBuilder partial = new StringBuilder();

        /** @param prefix the notes' text before " #round#" (each benchmark its own) */
        Subscriber(String mediaId, String prefix, AtomicReference<Round> current, Samples samples) {
            this.mediaId = mediaId;
            this.prefix = prefix;
            this.current = current;
            this.samples = samples;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.sendText("{\"v\":1,\"type\":\"subscribe\",\"scope\":\"media\",\"id\":\"" + mediaId + "\"}", true);
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text, now);
            }
            socket.request(1);
            return null;
        }

        private void handle(String text, long now) {
            JsonNode m;
            try {
                m = JSON.readTree(text);
            } catch (IOException e) {
                subscribed.completeExceptionally(e);
                return;
            }
            switch (m.path("type").asText()) {
                case "subscribed" -> subscribed.complete(null);
                case "error" -> subscribed.completeExceptionally(new IOException(text));
                case "note.event" -> {
                    Round round = current.get();
                    String body = m.at("/data/text").asText();
                    if ("created".equals(m.path("kind").asText()) && body.equals(text(prefix, round.number()))) {
                        if (round.number() >= 0) {
                            samples.add((now - round.sentNanos()) / 1e6);
                        }
                        round.pending().countDown();
                    }
                }
                default -> {}
            }
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            subscribed.completeExceptionally(error);
        }
    }
}
