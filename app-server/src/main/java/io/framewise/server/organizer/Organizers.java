package io.framewise.server.organizer;

import io.framewise.organizer.folders.FoldersOrganizer;
import io.framewise.organizer.wire.v1.ActionDefinition;
import io.framewise.organizer.wire.v1.ApprovalStatus;
import io.framewise.organizer.wire.v1.AuthorizeRequest;
import io.framewise.organizer.wire.v1.AuthorizeResponse;
import io.framewise.organizer.wire.v1.Hook;
import io.framewise.organizer.wire.v1.ListFolderRequest;
import io.framewise.organizer.wire.v1.ListFolderResponse;
import io.framewise.organizer.wire.v1.OnApprovalChangedRequest;
import io.framewise.organizer.wire.v1.OnMediaAddedRequest;
import io.framewise.organizer.wire.v1.OnMediaReadyRequest;
import io.framewise.organizer.wire.v1.OnNoteAddedRequest;
import io.framewise.organizer.wire.v1.OrganizerServiceGrpc.OrganizerServiceBlockingStub;
import io.framewise.organizer.wire.v1.ResourceRef;
import io.framewise.organizer.wire.v1.RunActionRequest;
import io.framewise.organizer.wire.v1.RunActionResponse;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.AccessRule;
import io.framewise.server.access.AccessRule.Opinion;
import io.framewise.server.access.Action;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.framewise.server.library.Asset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organizer plugins of a running server: the built-in folders organizer and every external one,
 * the host API they call back, the access rules they contribute, the events they hear, and the
 * library pages and actions they serve over HTTP.
 *
 * <p>No organizer can take the server down: every call has a deadline; pages and events fall back
 * to the server's defaults when an organizer fails; an organizer that claims {@code Authorize} and
 * cannot answer denies (access fails closed).
 */
public final class Organizers implements Feature, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Organizers.class);

    private final OrganizerSettings settings;
    private final HostServices services;
    private final OrganizerRuntime runtime;
    private final JooqLabelRepository labels;
    private final JooqNotificationRepository notifications;
    private final Authorizer authorizer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService events;

    private Organizers(
            OrganizerSettings settings,
            HostServices services,
            OrganizerRuntime runtime,
            JooqLabelRepository labels,
            JooqNotificationRepository notifications,
            Authorizer authorizer) {
        this.settings = settings;
        this.services = services;
        this.runtime = runtime;
        this.labels = labels;
        this.notifications = notifications;
        this.authorizer = authorizer;
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

    /**
     * Starts the host API, the built-in folders organizer and every configured external organizer,
     * waiting (up to the start timeout) for each external one's first handshake.
     *
     * @param logDir where each external organizer's output goes ({@code organizer-N.log})
     * @param authorizer decides which assets a page shows (the caller adds {@link #accessRules()} to it)
     */
    public static Organizers start(
            OrganizerSettings settings, HostServices services, java.nio.file.Path logDir, Authorizer authorizer) {
        var labels = new JooqLabelRepository(services.db());
        var notifications = new JooqNotificationRepository(services.db());
        var host = new HostServiceImpl(services, new JooqFolderRepository(services.db()), labels, notifications);
        OrganizerRuntime runtime = OrganizerRuntime.start(settings, host, new FoldersOrganizer(), logDir);
        return new Organizers(settings, services, runtime, labels, notifications, authorizer);
    }

    /** One access rule per organizer, in start order; the Authorizer consults them all. */
    public List<AccessRule> accessRules() {
        return runtime.peers().stream()
                .map(peer -> (AccessRule) (principal, action, resource) -> authorize(peer, principal, action, resource))
                .toList();
    }

    Opinion authorize(OrganizerPeer peer, Principal principal, Action action, Resource resource) {
        // Organizers decide about library content; administration and accounts stay with the roles,
        // so a broken organizer can never lock administrators out of seeing and fixing it.
        if (!peer.mayAuthorize() || resource instanceof Resource.Server || resource instanceof Resource.User) {
            return Opinion.none();
        }
        Optional<OrganizerLink> link = peer.link();
        if (link.isEmpty()) {
            return Opinion.deny("organizer " + peer.name() + " decides this and is not running");
        }
        AuthorizeResponse answer;
        try {
            answer = link.get()
                    .stub(settings.authorizeDeadline())
                    .authorize(AuthorizeRequest.newBuilder()
                            .setPrincipal(Proto.principal(principal))
                            .setAction(action.wire())
                            .setResource(ResourceRef.newBuilder()
                                    .setType(resource.type())
                                    .setId(resource.idOrNull() == null ? "" : resource.idOrNull()))
                            .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return Opinion.none();
            }
            peer.callFailed("Authorize: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription());
            return Opinion.deny("organizer " + peer.name() + " could not decide ("
                    + e.getStatus().getCode().name().toLowerCase(Locale.ROOT) + "): denied");
        }
        switch (answer.getVerdict()) {
            case VERDICT_ALLOW -> {
                peer.callSucceeded();
                return Opinion.allow(peer.name() + ": " + answer.getReason());
            }
            case VERDICT_DENY -> {
                peer.callSucceeded();
                return Opinion.deny(peer.name() + ": " + answer.getReason());
            }
            case VERDICT_NO_OPINION -> {
                peer.callSucceeded();
                return Opinion.none();
            }
            default -> {
                peer.callFailed("Authorize answered without a verdict");
                return Opinion.deny("organizer " + peer.name() + " answered without a verdict: denied");
            }
        }
    }

    /** A folder page and the organizer that made it. */
    record Page(String organizer, ListFolderResponse page, List<PageAction> actions) {}

    /** An action offered on a page, with the organizer that runs it. */
    record PageAction(String organizer, ActionDefinition action) {}

    /**
     * The page for a folder path: from the last external organizer claiming {@code ListFolder}
     * that answers, else from the built-in folders organizer. Actions of every running organizer
     * that claims {@code RunAction} are added.
     */
    Page folderPage(Principal principal, String path, int pageSize, String pageToken) {
        ListFolderRequest request = ListFolderRequest.newBuilder()
                .setPrincipal(Proto.principal(principal))
                .setPath(path)
                .setPageSize(pageSize)
                .setPageToken(pageToken)
                .build();
        List<OrganizerPeer> sources = new ArrayList<>(runtime.externals());
        java.util.Collections.reverse(sources);
        sources.add(runtime.builtIn());
        for (OrganizerPeer peer : sources) {
            Optional<OrganizerLink> link = peer.link().filter(l -> l.claims(Hook.HOOK_LIST_FOLDER));
            if (link.isEmpty()) {
                continue;
            }
            ListFolderResponse page;
            try {
                page = link.get().stub(settings.callDeadline()).listFolder(request);
            } catch (StatusRuntimeException e) {
                Optional<ApiException> refusal = refusal(e.getStatus(), peer.name());
                if (refusal.isPresent()) {
                    peer.callSucceeded();
                    throw refusal.get();
                }
                if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                    peer.callFailed("ListFolder: " + e.getStatus().getCode() + " "
                            + e.getStatus().getDescription());
                    LOG.warn("organizer {} failed a folder page ({}); using the next", peer.name(), e.getStatus());
                }
                continue;
            }
            if (page.getPath().isEmpty() || !page.getPath().startsWith("/")) {
                peer.callFailed("ListFolder answered a page without a path");
                continue;
            }
            peer.callSucceeded();
            List<PageAction> actions = new ArrayList<>();
            page.getActionsList().forEach(a -> actions.add(new PageAction(peer.name(), a)));
            for (OrganizerPeer other : runtime.peers()) {
                if (other != peer) {
                    other.link().filter(l -> l.claims(Hook.HOOK_RUN_ACTION)).ifPresent(l -> l.info()
                            .getActionsList()
                            .forEach(a -> actions.add(new PageAction(other.name(), a))));
                }
            }
            return new Page(peer.name(), page, actions);
        }
        throw new ApiException.Unavailable("no organizer could list " + path, Map.of("path", path));
    }

    /** Runs an organizer's action for a user. */
    RunActionResponse runAction(
            Principal principal,
            String organizer,
            String actionId,
            ResourceRef target,
            String path,
            Map<String, String> parameters) {
        OrganizerPeer peer = runtime.peers().stream()
                .filter(p -> p.name().equals(organizer))
                .findFirst()
                .orElseThrow(() -> new ApiException.NotFound("no such organizer: " + organizer));
        OrganizerLink link = peer.link()
                .orElseThrow(() -> new ApiException.Unavailable(
                        "organizer " + organizer + " is not running", Map.of("organizer", organizer)));
        if (!link.claims(Hook.HOOK_RUN_ACTION)) {
            throw new ApiException.NotFound("organizer " + organizer + " has no actions");
        }
        try {
            RunActionResponse response = link.stub(settings.callDeadline())
                    .runAction(RunActionRequest.newBuilder()
                            .setPrincipal(Proto.principal(principal))
                            .setActionId(actionId)
                            .setTarget(target)
                            .setPath(path)
                            .putAllParameters(parameters)
                            .build());
            peer.callSucceeded();
            return response;
        } catch (StatusRuntimeException e) {
            Optional<ApiException> refusal = refusal(e.getStatus(), organizer);
            if (refusal.isPresent()) {
                peer.callSucceeded();
                throw refusal.get();
            }
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                throw new ApiException.NotFound("organizer " + organizer + " has no action " + actionId);
            }
            peer.callFailed("RunAction: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription());
            throw new ApiException.Unavailable(
                    "organizer " + organizer + " did not complete the action ("
                            + e.getStatus().getCode().name().toLowerCase(Locale.ROOT) + ")",
                    Map.of("organizer", organizer));
        }
    }

    /** An organizer's deliberate refusal as the HTTP answer; empty for failures and UNIMPLEMENTED. */
    private static Optional<ApiException> refusal(Status status, String organizer) {
        String message = status.getDescription() == null ? organizer + " refused" : status.getDescription();
        return switch (status.getCode()) {
            case NOT_FOUND -> Optional.of(new ApiException.NotFound(message));
            case INVALID_ARGUMENT -> Optional.of(new ApiException.Invalid(message));
            case PERMISSION_DENIED -> Optional.of(new ApiException.Forbidden(message));
            case FAILED_PRECONDITION, ALREADY_EXISTS -> Optional.of(new ApiException.Conflict(message, Map.of()));
            default -> Optional.empty();
        };
    }

    // Events the server reports. Each goes, off the caller's thread, to every organizer claiming it.

    /** Whether any running organizer claims a hook (events nobody hears are not even read). */
    private boolean claimed(Hook hook) {
        return runtime.peers().stream()
                .anyMatch(p -> p.link().filter(l -> l.claims(hook)).isPresent());
    }

    /** A media item was uploaded. */
    public void mediaAdded(String mediaId) {
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
    public void mediaReady(String mediaId) {
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

    private io.framewise.organizer.wire.v1.Media media(io.framewise.server.media.MediaItem m) {
        return Proto.media(
                m,
                services.assets().assetOfMedia(m.id()).orElse(null),
                services.uploaders().uploaderOf(m.id()).orElse(null));
    }

    /** A note was written. */
    public void noteAdded(String noteId) {
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

    /**
     * A version's approval changed.
     *
     * @param status {@code needs_review}, {@code changes_requested} or {@code approved}
     */
    public void approvalChanged(String assetId, int versionNumber, String status, Principal decidedBy) {
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

    /** Every organizer's state, the built-in one first. */
    public List<OrganizerStatus> statuses() {
        return runtime.peers().stream().map(OrganizerPeer::status).toList();
    }

    Principal principal(io.javalin.http.Context ctx) {
        return Access.principal(ctx);
    }

    /** Whether the caller may open an asset: roles and every organizer's rule, as on the asset's own route. */
    boolean mayView(Principal principal, String assetId) {
        return authorizer
                .decide(principal, Action.ASSET_VIEW, new Resource.Asset(assetId))
                .allowed();
    }

    JooqLabelRepository labels() {
        return labels;
    }

    JooqNotificationRepository notifications() {
        return notifications;
    }

    Asset asset(String id) {
        return services.assets().get(id).orElseThrow(() -> new ApiException.NotFound("no such asset: " + id));
    }

    @Override
    public void register(JavalinConfig cfg) {
        new OrganizerRoutes(this).register(cfg);
    }

    /** Waits for queued events (bounded), then stops every organizer and the host API. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownNow();
        runtime.close();
    }
}
