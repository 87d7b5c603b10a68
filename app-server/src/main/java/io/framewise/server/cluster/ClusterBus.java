package io.framewise.server.cluster;

import java.util.function.Consumer;

/**
 * Carries what one server node tells the others: WebSocket events and live-session changes made on
 * this node, for the clients connected to other nodes. A publisher always delivers to its own
 * clients itself first; the bus only reaches the other nodes, so nobody hears a message twice.
 *
 * <p>On SQLite there is one node and the bus is {@link #local()}: publishing costs nothing. On
 * PostgreSQL it is {@link PostgresBus} (LISTEN/NOTIFY).
 */
public interface ClusterBus extends AutoCloseable {

    /** Topic names: lowercase words, so they fit the wire format's separators. */
    String TOPIC_SHAPE = "[a-z][a-z0-9.]{0,31}";

    /**
     * Tells the other nodes; never blocks the caller (live sessions publish under their lock), and
     * messages of one node arrive at another in the order they were published.
     */
    void publish(String topic, String payload);

    /** Hands every message of {@code topic} from another node to {@code handler} (one thread, in order). */
    void subscribe(String topic, Consumer<String> handler);

    /**
     * Runs {@code action} after this node may have missed messages (its listening connection dropped
     * and came back): whoever holds state made of them must resynchronise.
     */
    void onGap(Runnable action);

    /** This process's id among the nodes (a node skips what it sent itself). */
    String nodeId();

    /** Whether messages reach other nodes (false on the single-node bus). */
    boolean shared();

    @Override
    void close();

    /** The bus of a single node: nothing to tell anyone. */
    static ClusterBus local() {
        return new LocalBus();
    }
}
