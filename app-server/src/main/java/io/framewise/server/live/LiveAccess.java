package io.framewise.server.live;

import io.framewise.server.access.Action;
import io.framewise.server.access.Decision;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;

/**
 * How live sessions ask the one authorization point, and record the events the audit log keeps
 * (starting and joining a session). The server backs it with the {@code Authorizer} and the audit
 * log; a gateway without accounts (protocol tests) uses {@link #OPEN}.
 */
public interface LiveAccess {

    /** Lets everything through: for servers that run without accounts. */
    LiveAccess OPEN = (principal, action, resource) -> Decision.allow("open gateway");

    Decision decide(Principal principal, Action action, Resource resource);

    /** A person joined (or started) a live session on a media item. */
    default void joined(Principal who, String mediaId, boolean started) {}
}
