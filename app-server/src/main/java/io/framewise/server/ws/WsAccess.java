package io.framewise.server.ws;

import io.framewise.server.access.Action;
import io.framewise.server.access.Decision;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;

/**
 * How the WebSocket side asks the one authorization point about each message, and records the
 * events the audit log keeps (session joins). The server backs it with the {@code Authorizer}; a
 * gateway built without one (protocol tests) is open.
 */
public interface WsAccess {

    /** Lets everything through: for gateways that run without accounts (protocol tests). */
    WsAccess OPEN = (principal, action, resource) -> Decision.allow("open gateway");

    Decision decide(Principal principal, Action action, Resource resource);

    /** A person joined (or started) a live session on a media item. */
    default void joined(Identity who, String mediaId, boolean started) {}
}
