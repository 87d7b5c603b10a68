package io.framewise.organizer.sdk;

/** The calls an organizer can answer; the SDK claims those its {@link Organizer} overrides. */
public enum Hook {
    AUTHORIZE,
    LIST_FOLDER,
    ON_MEDIA_ADDED,
    ON_MEDIA_READY,
    ON_NOTE_ADDED,
    ON_APPROVAL_CHANGED,
    RUN_ACTION
}
