package io.framewise.server.cluster;

import java.util.function.Consumer;

/** One node alone (SQLite): every client is local, so publishing is nothing at all. */
final class LocalBus implements ClusterBus {

    @Override
    public void publish(String topic, String payload) {
        // Nobody else to tell.
    }

    @Override
    public void subscribe(String topic, Consumer<String> handler) {
        // No other node ever sends.
    }

    @Override
    public void onGap(Runnable action) {
        // A local bus never misses anything.
    }

    @Override
    public String nodeId() {
        return "local";
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
