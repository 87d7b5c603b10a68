package io.framewise.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server's WebSocket ({@code /api/ws}): library, asset and media event subscriptions and the
 * live review session protocol (version 1, {@code {"v":1,"type":...}}). Messages arrive on the
 * HTTP client's threads; listeners hand them to the FX thread themselves.
 */
public final class EventStream implements AutoCloseable {

    /** What the app hears: every server message as JSON, and the end of the connection. */
    public interface Listener {
        void onMessage(JsonNode message);

        default void onClosed(String reason) {}
    }

    private final WebSocket socket;

    private EventStream(WebSocket socket) {
        this.socket = socket;
    }

    static EventStream open(HttpClient http, URI base, String token, String cookie, Listener listener) {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        URI uri = URI.create(scheme + "://" + base.getRawAuthority() + base.getRawPath() + "api/ws");
        WebSocket.Builder b = http.newWebSocketBuilder();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        } else if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            return new EventStream(b.buildAsync(uri, new Receiver(listener)).get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(0, "interrupted", "Stopped while connecting to " + uri, null);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw ApiError.unreachable(uri.toString(), e.getCause() == null ? e : e.getCause());
        }
    }

    /** Sends one protocol message; {@code v} is added. */
    public void send(ObjectNode message) {
        message.put("v", 1);
        try {
            socket.sendText(message.toString(), true).join();
        } catch (CompletionException e) {
            throw ApiError.unreachable("the live connection", e.getCause());
        }
    }

    public static ObjectNode message(String type) {
        return ApiClient.JSON.createObjectNode().put("type", type);
    }

    public void subscribeLibrary() {
        send(message("subscribe").put("scope", "library"));
    }

    public void subscribeMedia(String mediaId) {
        send(message("subscribe").put("scope", "media").put("id", mediaId));
    }

    public void createSession(String mediaId) {
        send(message("session.create").put("media", mediaId));
    }

    public void joinSession(String sessionId) {
        send(message("session.join").put("session", sessionId));
    }

    public void leaveSession(String sessionId) {
        send(message("session.leave").put("session", sessionId));
    }

    public void play(String sessionId, long frame) {
        send(message("session.play").put("session", sessionId).put("frame", frame));
    }

    public void pause(String sessionId, long frame) {
        send(message("session.pause").put("session", sessionId).put("frame", frame));
    }

    public void seek(String sessionId, long frame) {
        send(message("session.seek").put("session", sessionId).put("frame", frame));
    }

    /** The laser pointer at {@code x}, {@code y} (0..1 of the picture) on {@code frame}. */
    public void laser(String sessionId, double x, double y, long frame) {
        send(message("session.laser")
                .put("session", sessionId)
                .put("x", x)
                .put("y", y)
                .put("frame", frame));
    }

    public void laserOff(String sessionId) {
        send(message("session.laser.off").put("session", sessionId));
    }

    public void requestDriver(String sessionId) {
        send(message("session.driver.request").put("session", sessionId));
    }

    public void answerDriver(String sessionId, String member, boolean grant) {
        send(message("session.driver.answer")
                .put("session", sessionId)
                .put("member", member)
                .put("grant", grant));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(e -> null);
        }
        socket.abort();
    }

    private static final class Receiver implements WebSocket.Listener {
        private final Listener listener;
        private final StringBuilder partial = new StringBuilder();

        Receiver(Listener listener) {
            this.listener = listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    listener.onMessage(ApiClient.JSON.readTree(text));
                } catch (IOException e) {
                    listener.onClosed("unreadable message from the server: " + e.getMessage());
                }
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            listener.onClosed(reason == null || reason.isEmpty() ? "closed (" + statusCode + ")" : reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            listener.onClosed(error.getMessage() == null ? error.toString() : error.getMessage());
        }
    }
}
