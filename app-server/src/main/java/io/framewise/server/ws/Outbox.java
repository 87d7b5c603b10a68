package io.framewise.server.ws;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded queue of messages waiting for one client. Offering never blocks: one send is in
 * flight at a time and the rest wait here. A client that lets {@code capacity} messages pile up is
 * too slow to follow a session (dropping messages would leave it on a wrong frame), so the outbox
 * closes it with 1008 and a reason that says so.
 */
final class Outbox {

    static final int SLOW_CONSUMER_CLOSE_CODE = 1008;

    private final WsTransport transport;
    private final int capacity;
    private final Runnable onOverflow;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean inFlight;
    private boolean closed;

    Outbox(WsTransport transport, int capacity, Runnable onOverflow) {
        this.transport = transport;
        this.capacity = capacity;
        this.onOverflow = onOverflow;
    }

    /** Queues a message; false if the outbox is closed or has just overflowed. */
    boolean offer(String text) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() < capacity) {
                queue.addLast(text);
                if (inFlight) {
                    return true;
                }
                inFlight = true;
            } else {
                closed = true;
                overflow = true;
                queue.clear();
            }
        }
        if (overflow) {
            transport.close(
                    SLOW_CONSUMER_CLOSE_CODE,
                    "too slow: more than " + capacity + " messages waiting; reconnect to get a fresh snapshot");
            onOverflow.run();
            return false;
        }
        drain();
        return true;
    }

    /** Stops sending; later offers are ignored. */
    synchronized void close() {
        closed = true;
        queue.clear();
    }

    synchronized int waiting() {
        return queue.size();
    }

    /**
     * Sends queued messages one after another. A send that completes synchronously continues this
     * loop instead of recursing through the completion; one that completes later resumes it there.
     */
    private void drain() {
        while (true) {
            String next;
            synchronized (this) {
                next = closed ? null : queue.pollFirst();
                if (next == null) {
                    inFlight = false;
                    return;
                }
            }
            // 0: sending, 1: completed before sendText returned, 2: sendText returned first
            AtomicInteger phase = new AtomicInteger();
            transport.sendText(next, failure -> {
                if (failure != null) {
                    close();
                    return;
                }
                if (!phase.compareAndSet(0, 1)) {
                    drain();
                }
            });
            if (phase.compareAndSet(0, 2)) {
                return;
            }
        }
    }
}
