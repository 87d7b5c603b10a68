package io.framewise.server.organizer;

import io.framewise.organizer.folders.FoldersOrganizer;
import io.framewise.server.Feature;
import io.framewise.server.access.AccessRule;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Principal;
import io.framewise.server.notifications.NotificationService;
import io.framewise.server.tags.TagService;
import io.javalin.config.JavalinConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The organizer plugins of a running server, as the rest of the server sees them: the built-in
 * folders organizer and every external one with the host API they call back. The work is split:
 * {@link OrganizerAccess} (the access rules they contribute), {@link OrganizerPages} (library pages
 * and actions), {@link OrganizerEvents} (the events they hear) and {@link OrganizerRoutes} (HTTP).
 *
 * <p>No organizer can take the server down: every call has a deadline; pages and events fall back
 * to the server's defaults when an organizer fails; an organizer that claims {@code Authorize} and
 * cannot answer denies (access fails closed).
 */
public final class Organizers implements Feature, AutoCloseable {

    private final OrganizerRuntime runtime;
    private final OrganizerAccess access;
    private final OrganizerPages pages;
    private final OrganizerEvents events;
    private final TagService tags;
    private final JooqFolderRepository folders;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Organizers(
            OrganizerRuntime runtime,
            OrganizerAccess access,
            OrganizerPages pages,
            OrganizerEvents events,
            TagService tags,
            JooqFolderRepository folders) {
        this.runtime = runtime;
        this.folders = folders;
        this.access = access;
        this.pages = pages;
        this.events = events;
        this.tags = tags;
    }

    /**
     * Starts the host API, the built-in folders organizer and every configured external organizer,
     * waiting (up to the start timeout) for each external one's first handshake.
     *
     * @param tags the asset tags and metadata that organizers read and write, and pages show
     * @param notifications where organizers post messages to users
     * @param logDir where each external organizer's output goes ({@code organizer-N.log})
     * @param authorizer decides which assets a page shows (the caller adds {@link #accessRules()} to it)
     */
    public static Organizers start(
            OrganizerSettings settings,
            HostServices services,
            TagService tags,
            NotificationService notifications,
            Path logDir,
            Authorizer authorizer) {
        var folders = new JooqFolderRepository(services.db());
        var host = new HostServiceImpl(services, folders, tags, notifications);
        OrganizerRuntime runtime = OrganizerRuntime.start(settings, host, new FoldersOrganizer(), logDir);
        return new Organizers(
                runtime,
                new OrganizerAccess(settings, runtime),
                new OrganizerPages(settings, runtime, authorizer),
                new OrganizerEvents(settings, runtime, services),
                tags,
                folders);
    }

    /** One access rule per organizer, in start order; the Authorizer consults them all. */
    public List<AccessRule> accessRules() {
        return access.rules();
    }

    /** A media item was uploaded. */
    public void mediaAdded(String mediaId) {
        events.mediaAdded(mediaId);
    }

    /** A media item finished processing (ready or failed). */
    public void mediaReady(String mediaId) {
        events.mediaReady(mediaId);
    }

    /** A note was written. */
    public void noteAdded(String noteId) {
        events.noteAdded(noteId);
    }

    /**
     * A version's approval changed.
     *
     * @param status {@code needs_review}, {@code changes_requested} or {@code approved}
     */
    public void approvalChanged(String assetId, int versionNumber, String status, Principal decidedBy) {
        events.approvalChanged(assetId, versionNumber, status, decidedBy);
    }

    /** Every organizer's state, the built-in one first. */
    public List<OrganizerStatus> statuses() {
        return runtime.peers().stream().map(OrganizerPeer::status).toList();
    }

    @Override
    public void register(JavalinConfig cfg) {
        new OrganizerRoutes(pages, tags, this::statuses, folders::homeOf).register(cfg);
    }

    /** Waits for queued events (bounded), then stops every organizer and the host API. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        events.close();
        runtime.close();
    }
}
