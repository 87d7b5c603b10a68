package io.framewise.organizer.sdk;

/**
 * An organizer plugin: it owns folder pages, extra actions and access opinions. Implement
 * {@link #info()} and override the hooks you want; every hook left as it is answers
 * "unimplemented", so the server uses its own default, and is not claimed (the server never calls
 * it). Hooks may run concurrently and must answer within the server's deadline (a few seconds).
 *
 * <p>Run it with {@link OrganizerServer#serve(Organizer, String[])} from your {@code main}.
 */
public interface Organizer {

    /** Name, version and actions. */
    OrganizerInfo info();

    /** Called once before serving, with the server's API; keep it to call back later. */
    default void start(Host host) {}

    /**
     * An access opinion. If you override this and cannot answer in time, the server denies: keep it
     * fast and deterministic.
     */
    default Authorization authorize(AuthorizeRequest request) {
        throw new Unimplemented();
    }

    /** The page for a folder path. Throw {@link OrganizerException.NotFound} for unknown paths. */
    default FolderPage listFolder(FolderRequest request) {
        throw new Unimplemented();
    }

    default void onMediaAdded(MediaInfo media, Principal uploader) {
        throw new Unimplemented();
    }

    default void onMediaReady(MediaInfo media) {
        throw new Unimplemented();
    }

    default void onNoteAdded(NoteInfo note) {
        throw new Unimplemented();
    }

    default void onApprovalChanged(ApprovalChange change) {
        throw new Unimplemented();
    }

    /** Runs one of the actions from {@link OrganizerInfo#actions()} or a page's actions. */
    default ActionResult runAction(ActionRequest request) {
        throw new Unimplemented();
    }

    /** What the default hook methods throw: the SDK answers gRPC UNIMPLEMENTED. */
    final class Unimplemented extends RuntimeException {
        public Unimplemented() {
            super("not implemented by this organizer", null, false, false);
        }
    }
}
