package io.framewise.server.ws;

import io.framewise.server.access.Decision;
import io.framewise.server.live.LiveAccess;

/**
 * How the WebSocket side asks the one authorization point about each message and each event it
 * delivers, and records the events the audit log keeps (session joins). The server backs it with
 * the {@code Authorizer}; a gateway built without one (protocol tests) is open.
 */
public interface WsAccess extends LiveAccess {

    /** Lets everything through: for gateways that run without accounts (protocol tests). */
    WsAccess OPEN = (principal, action, resource) -> Decision.allow("open gateway");
}
