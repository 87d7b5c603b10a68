package io.framewise.server.ws;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) that collects messages and awaits them with deadlines. */
public final class WsTestClient implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> skipped = new ArrayList<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;
    final String name;

    WsTestClient(HttpClient http, int port, String name) throws Exception {
        this(http, port, name, java.util.Map.of());
    }

    /** Connects with extra handshake headers (Authorization, Cookie); fails when the upgrade is refused. */
    public WsTestClient(HttpClient http, int port, String name, java.util.Map<String, String> headers)
            throws Exception {
        this.name = name;
        URI uri = URI.create("ws://127.0.0.1:" + port + WebSocketEndpoint.PATH + "?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8));
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new Collector()).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a JSON message built from alternating field names and values, with v and type first. */
    public void send(String type, Object... fields) throws Exception {
        var node = JSON.createObjectNode().put("v", Protocol.VERSION).put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            node.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        sendRaw(JSON.writeValueAsString(node));
    }

    public void sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message of the type matching the condition; earlier other messages are skipped. */
    public JsonNode await(String type, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode message = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (message == null) {
                fail(name + " got no matching '" + type + "' within " + DEADLINE + "; skipped: " + skipped);
            }
            if (type.equals(message.path("type").asText()) && condition.test(message)) {
                return message;
            }
            skipped.add(message);
        }
    }

    public JsonNode await(String type) throws InterruptedException {
        return await(type, m -> true);
    }

    /** The very next message, whatever it is. */
    public JsonNode next() throws InterruptedException {
        JsonNode message = inbox.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            fail(name + " got no message within " + DEADLINE);
        }
        return message;
    }

    /**
     * The code of the last {@code error} among the messages {@link #await} skipped since the last
     * call (null if none), forgetting them.
     */
    public String lastSkippedErrorCode() {
        String code = null;
        for (JsonNode m : skipped) {
            if ("error".equals(m.path("type").asText())) {
                code = m.path("code").asText();
            }
        }
        skipped.clear();
        return code;
    }

    /** The messages of this type that {@link #await} skipped so far, forgetting them. */
    public List<JsonNode> skipped(String type) {
        List<JsonNode> of = skipped.stream()
                .filter(m -> type.equals(m.path("type").asText()))
                .toList();
        skipped.removeAll(of);
        return of;
    }

    /** Resolves with "code reason" when the server closes the socket. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !closed.isDone();
    }

    /** Drops the TCP connection without a close handshake, like a crashed client. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS);
        }
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    closed.completeExceptionally(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }
    }
}
