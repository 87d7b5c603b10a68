package io.framewise.server.organizer;

import io.framewise.organizer.wire.v1.ApprovalStatus;
import io.framewise.organizer.wire.v1.Hook;
import io.framewise.organizer.wire.v1.OnApprovalChangedRequest;
import io.framewise.organizer.wire.v1.OnMediaAddedRequest;
import io.framewise.organizer.wire.v1.OnMediaReadyRequest;
import io.framewise.organizer.wire.v1.OnNoteAddedRequest;
import io.framewise.organizer.wire.v1.OrganizerServiceGrpc.OrganizerServiceBlockingStub;
import io.framewise.server.access.Principal;
import io.framewise.server.media.MediaItem;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events the server reports to organizers. Each goes, off the caller's thread, to every
 * organizer claiming its hook; an organizer that fails one is marked, never retried, and never
 * holds up the caller.
 */
final class OrganizerEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrganizerEvents.class);

    private final OrganizerSettings settings;
    private final OrganizerRuntime runtime;
    private final HostServices services;
    private final ExecutorService events;

    OrganizerEvents(OrganizerSettings settings, OrganizerRuntime runtime, HostServices services) {
        this.settings = settings;
        this.runtime = runtime;
        this.services = services;
        // Event hooks are fire-and-forget; a bounded queue drops (and logs) rather than piling up.
        // Two threads, so one organizer hanging until its deadline does not hold up the others' events.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                2,
                2,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1000),
                r -> {
                    Thread t = new Thread(r, "organizer-events");
                    t.setDaemon(true);
                    return t;
                },
                (r, full) -> LOG.warn("organizer event queue is full; an event was dropped"));
        pool.allowCoreThreadTimeOut(true);
        this.events = pool;
    }

    /** Whether any running organizer claims a hook (events nobody hears are not even read). */
    private boolean claimed(Hook hook) {
        return runtime.peers().stream()
                .anyMatch(p -> p.link().filter(l -> l.claims(hook)).isPresent());
    }

    /** A media item was uploaded. */
    void mediaAdded(String mediaId) {
        if (!claimed(Hook.HOOK_ON_MEDIA_ADDED)) {
            return;
        }
        services.media().get(mediaId).ifPresent(m -> {
            var uploader = services.uploaders()
                    .uploaderOf(mediaId)
                    .flatMap(services.accounts()::get)
                    .map(Proto::principal)
                    .orElse(io.framewise.organizer.wire.v1.Principal.getDefaultInstance());
            fire(
                    Hook.HOOK_ON_MEDIA_ADDED,
                    stub -> stub.onMediaAdded(OnMediaAddedRequest.newBuilder()
                            .setMedia(media(m))
                            .setUploader(uploader)
                            .build()));
        });
    }

    /** A media item finished processing (ready or failed). */
    void mediaReady(String mediaId) {
        if (!claimed(Hook.HOOK_ON_MEDIA_READY)) {
            return;
        }
        services.media()
                .get(mediaId)
                .ifPresent(m -> fire(
                        Hook.HOOK_ON_MEDIA_READY,
                        stub -> stub.onMediaReady(OnMediaReadyRequest.newBuilder()
                                .setMedia(media(m))
                                .build())));
    }

    private io.framewise.organizer.wire.v1.Media media(MediaItem m) {
        return Proto.media(
                m,
                services.assets().assetOfMedia(m.id()).orElse(null),
                services.uploaders().uploaderOf(m.id()).orElse(null));
    }

    /** A note was written. */
    void noteAdded(String noteId) {
        if (!claimed(Hook.HOOK_ON_NOTE_ADDED)) {
            return;
        }
        services.notes()
                .get(noteId)
                .ifPresent(n -> fire(
                        Hook.HOOK_ON_NOTE_ADDED,
                        stub -> stub.onNoteAdded(OnNoteAddedRequest.newBuilder()
                                .setNote(Proto.note(n))
                                .build())));
    }

    /** A version's approval changed to {@code needs_review}, {@code changes_requested} or {@code approved}. */
    void approvalChanged(String assetId, int versionNumber, String status, Principal decidedBy) {
        fire(
                Hook.HOOK_ON_APPROVAL_CHANGED,
                stub -> stub.onApprovalChanged(OnApprovalChangedRequest.newBuilder()
                        .setAssetId(assetId)
                        .setVersionNumber(versionNumber)
                        .setStatus(ApprovalStatus.valueOf("APPROVAL_STATUS_" + status.toUpperCase(Locale.ROOT)))
                        .setDecidedBy(Proto.principal(decidedBy))
                        .build()));
    }

    private void fire(Hook hook, Function<OrganizerServiceBlockingStub, ?> call) {
        for (OrganizerPeer peer : runtime.peers()) {
            peer.link()
                    .filter(l -> l.claims(hook))
                    .ifPresent(link -> events.execute(() -> {
                        try {
                            call.apply(link.stub(settings.callDeadline()));
                            peer.callSucceeded();
                        } catch (StatusRuntimeException e) {
                            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                                peer.callFailed(
                                        hook.name() + ": " + e.getStatus().getCode() + " "
                                                + e.getStatus().getDescription());
                                LOG.warn("organizer {} failed {}: {}", peer.name(), hook, e.getStatus());
                            }
                        }
                    }));
        }
    }

    /** Waits (bounded) for queued events to go out, then drops the rest. */
    @Override
    public void close() {
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownNow();
    }
}
