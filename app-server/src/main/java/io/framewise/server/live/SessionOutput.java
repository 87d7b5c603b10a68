package io.framewise.server.live;

import java.util.Collection;

/**
 * Carries session events to members. Called while the session holds its lock, so every member sees
 * the events of one session in the same order; implementations must therefore never block.
 */
@FunctionalInterface
public interface SessionOutput {

    void send(SessionEvent event, Collection<String> memberIds);
}
