package io.framewise.server.ws;

import java.util.function.Consumer;

/** The socket under a {@link ClientConnection}: the WebSocket adapter implements it over Jetty. */
public interface WsTransport {

    /**
     * Sends one text message without blocking; {@code completion} receives null once it is written,
     * or the failure. Never called again before the previous completion.
     */
    void sendText(String text, Consumer<Throwable> completion);

    /** Closes with a WebSocket close code and a reason the client can read. */
    void close(int code, String reason);
}
