package io.framewise.server;

import io.javalin.config.JavalinConfig;

/**
 * A slice of the server (health, uploads, media, notes, live sessions) that plugs its routes into
 * the one app built by {@link ServerApp}. Features are constructed by whoever wires the server
 * (main, the desktop host mode, a test) with the services they need, so the factory never changes
 * when a feature is added.
 *
 * <p>A feature that holds resources (threads, open files) also implements {@link AutoCloseable};
 * {@link ServerApp#close()} closes it after the HTTP server stopped, in reverse order of registration.
 */
@FunctionalInterface
public interface Feature {

    /** Registers routes (and, rarely, other settings) on the app under construction. */
    void register(JavalinConfig cfg);
}
