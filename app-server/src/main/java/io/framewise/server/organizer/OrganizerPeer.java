package io.framewise.server.organizer;

import java.util.Optional;

/** An organizer the server calls: the built-in one or a supervised external process. */
interface OrganizerPeer {

    /** Its name once known, else a label from its command. */
    String name();

    /** The live connection, empty while it is down or (re)starting. */
    Optional<OrganizerLink> link();

    /**
     * Whether it may claim the Authorize hook: true while its hooks are unknown (it never
     * answered), so access fails closed for an organizer that is configured but not up.
     */
    boolean mayAuthorize();

    /** A call failed (deadline, crash, garbage); enough of these in a row restart it. */
    void callFailed(String why);

    /** A call answered properly. */
    void callSucceeded();

    /** What admins see. */
    OrganizerStatus status();
}
