package io.framewise.server.ws;

/** Constants of the WebSocket protocol that both ends rely on. */
public final class Protocol {

    /** The protocol version every message carries in {@code v}. */
    public static final int VERSION = 1;

    /** Largest text message answered normally; larger ones get a {@code too_large} error. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    /** Beyond this the transport itself closes the connection (1009): such a client is abusive. */
    public static final int MAX_TRANSPORT_MESSAGE_BYTES = 1024 * 1024;

    /** Longest id or name accepted in a field. */
    public static final int MAX_ID_LENGTH = 128;

    private Protocol() {}
}
