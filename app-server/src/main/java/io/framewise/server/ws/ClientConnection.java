package io.framewise.server.ws;

import io.framewise.server.live.SecureIds;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client on {@code /api/ws}: its identity, its outbound queue and its subscriptions. Its id is
 * also its member id in live sessions.
 */
public final class ClientConnection {

    private final String id = SecureIds.next();
    private final Identity identity;
    private final WsTransport transport;
    private final Outbox outbox;
    private final Set<Topic> topics = ConcurrentHashMap.newKeySet();
    private final AtomicInteger consecutiveErrors = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean(true);

    ClientConnection(Identity identity, WsTransport transport, int outboxCapacity, Runnable onOverflow) {
        this.identity = identity;
        this.transport = transport;
        this.outbox = new Outbox(transport, outboxCapacity, onOverflow);
    }

    public String id() {
        return id;
    }

    public Identity identity() {
        return identity;
    }

    public boolean isOpen() {
        return open.get();
    }

    /** Queues a message without blocking. */
    void send(String text) {
        outbox.offer(text);
    }

    Set<Topic> topics() {
        return topics;
    }

    /** Counts an invalid message; returns how many came in a row. */
    int invalidMessage() {
        return consecutiveErrors.incrementAndGet();
    }

    void validMessage() {
        consecutiveErrors.set(0);
    }

    /** Marks the connection closed; true the first time only. */
    boolean markClosed() {
        outbox.close();
        return open.compareAndSet(true, false);
    }

    void close(int code, String reason) {
        transport.close(code, reason);
    }
}
