package io.framewise.server.access;

/**
 * What a principal wants to do. The role policy grants actions by project role; organizer plugins
 * see the same names (as lower-case wire strings) when they take part in a decision.
 */
public enum Action {
    // Anyone, signed in or not (sign-in itself, server facts).
    PUBLIC,
    // Any signed-in person, about themselves.
    SELF,
    // Library.
    PROJECT_LIST,
    PROJECT_CREATE,
    PROJECT_VIEW,
    PROJECT_MEMBERS_VIEW,
    PROJECT_MEMBERS_MANAGE,
    ASSET_VIEW,
    ASSET_CREATE,
    VERSION_ADD,
    APPROVAL_SET,
    MEDIA_LIST,
    MEDIA_UPLOAD,
    MEDIA_VIEW,
    MEDIA_DELETE,
    /**
     * Taking a media item from where it is now into an asset (a new asset or a new version). The
     * place it goes needs its own right ({@link #ASSET_CREATE}, {@link #VERSION_ADD}).
     */
    MEDIA_FILE,
    /**
     * Cutting a clip out of a media item: the clip is filed next to it, so it needs the editor role
     * where the media is; filing the clip as a version of another asset needs {@link #VERSION_ADD} there.
     */
    CLIP_CREATE,
    /** Downloading a media item's file (the original, or a rendition of it) as an attachment. */
    MEDIA_DOWNLOAD,
    /** Uploading and deleting sidecar subtitle files of a media item: editors where the media is. */
    SUBTITLE_MANAGE,
    // Notes.
    NOTE_VIEW,
    NOTE_CREATE,
    NOTE_EDIT,
    NOTE_DELETE,
    NOTE_RESOLVE,
    // Live review and events.
    EVENTS_SUBSCRIBE,
    LIVE_JOIN,
    LIVE_DRIVE,
    // Clip templates: on a project (members use, editors manage) or on the server (global ones:
    // everyone signed in uses, admins manage).
    TEMPLATE_USE,
    TEMPLATE_MANAGE,
    // Share links.
    /** Creating, editing, revoking a share link and reading its analytics: editors of its target. */
    SHARE_MANAGE,
    /** What a share link's guest does in their own guest session (their view, heartbeats). */
    GUEST_SESSION,
    // Administration.
    USERS_ADMIN,
    AUDIT_READ,
    /** Reading {@code /api/metrics}: administrators (a scraper may use the metrics token instead). */
    METRICS_READ;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
