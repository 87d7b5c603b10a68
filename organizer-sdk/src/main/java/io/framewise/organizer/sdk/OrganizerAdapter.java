package io.framewise.organizer.sdk;

import io.framewise.organizer.wire.v1.AssetEntry;
import io.framewise.organizer.wire.v1.AuthorizeResponse;
import io.framewise.organizer.wire.v1.Breadcrumb;
import io.framewise.organizer.wire.v1.FolderEntry;
import io.framewise.organizer.wire.v1.GetOrganizerInfoRequest;
import io.framewise.organizer.wire.v1.ListFolderRequest;
import io.framewise.organizer.wire.v1.ListFolderResponse;
import io.framewise.organizer.wire.v1.OnApprovalChangedRequest;
import io.framewise.organizer.wire.v1.OnApprovalChangedResponse;
import io.framewise.organizer.wire.v1.OnMediaAddedRequest;
import io.framewise.organizer.wire.v1.OnMediaAddedResponse;
import io.framewise.organizer.wire.v1.OnMediaReadyRequest;
import io.framewise.organizer.wire.v1.OnMediaReadyResponse;
import io.framewise.organizer.wire.v1.OnNoteAddedRequest;
import io.framewise.organizer.wire.v1.OnNoteAddedResponse;
import io.framewise.organizer.wire.v1.OrganizerServiceGrpc;
import io.framewise.organizer.wire.v1.RunActionRequest;
import io.framewise.organizer.wire.v1.RunActionResponse;
import io.framewise.organizer.wire.v1.Verdict;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Serves an {@link Organizer} as the generated OrganizerService, translating records and failures. */
final class OrganizerAdapter extends OrganizerServiceGrpc.OrganizerServiceImplBase {

    private static final Logger LOG = Logger.getLogger(OrganizerAdapter.class.getName());

    private static final Map<Hook, String> HOOK_METHODS = Map.of(
            Hook.AUTHORIZE, "authorize",
            Hook.LIST_FOLDER, "listFolder",
            Hook.ON_MEDIA_ADDED, "onMediaAdded",
            Hook.ON_MEDIA_READY, "onMediaReady",
            Hook.ON_NOTE_ADDED, "onNoteAdded",
            Hook.ON_APPROVAL_CHANGED, "onApprovalChanged",
            Hook.RUN_ACTION, "runAction");

    private final Organizer organizer;
    private final OrganizerInfo info;
    private final Set<Hook> hooks;

    OrganizerAdapter(Organizer organizer) {
        this.organizer = organizer;
        this.info = organizer.info();
        this.hooks = claimedHooks(organizer);
    }

    /** The hooks the organizer's class overrides: exactly those the server will call. */
    static Set<Hook> claimedHooks(Organizer organizer) {
        Set<Hook> claimed = EnumSet.noneOf(Hook.class);
        for (Map.Entry<Hook, String> e : HOOK_METHODS.entrySet()) {
            for (Method m : organizer.getClass().getMethods()) {
                if (m.getName().equals(e.getValue()) && m.getDeclaringClass() != Organizer.class) {
                    claimed.add(e.getKey());
                }
            }
        }
        return claimed;
    }

    @Override
    public void getOrganizerInfo(
            GetOrganizerInfoRequest request, StreamObserver<io.framewise.organizer.wire.v1.OrganizerInfo> out) {
        String refusal = ApiVersion.mismatch("server", request.getApiVersion());
        if (refusal != null) {
            out.onError(Status.FAILED_PRECONDITION
                    .withDescription("organizer " + info.name() + " refuses: " + refusal)
                    .asRuntimeException());
            return;
        }
        var reply = io.framewise.organizer.wire.v1.OrganizerInfo.newBuilder()
                .setName(info.name())
                .setVersion(info.version())
                .setDescription(info.description())
                .setApiVersion(ApiVersion.CURRENT);
        hooks.forEach(h -> reply.addHooks(io.framewise.organizer.wire.v1.Hook.valueOf("HOOK_" + h.name())));
        info.actions().forEach(a -> reply.addActions(Wire.action(a)));
        out.onNext(reply.build());
        out.onCompleted();
    }

    @Override
    public void authorize(
            io.framewise.organizer.wire.v1.AuthorizeRequest request, StreamObserver<AuthorizeResponse> out) {
        answer(out, () -> {
            Authorization a = organizer.authorize(new AuthorizeRequest(
                    Wire.principal(request.getPrincipal()), request.getAction(), Wire.ref(request.getResource())));
            return AuthorizeResponse.newBuilder()
                    .setVerdict(Verdict.valueOf("VERDICT_" + a.verdict().name()))
                    .setReason(a.reason())
                    .build();
        });
    }

    @Override
    public void listFolder(ListFolderRequest request, StreamObserver<ListFolderResponse> out) {
        answer(out, () -> {
            FolderPage page = organizer.listFolder(new FolderRequest(
                    Wire.principal(request.getPrincipal()),
                    request.getPath(),
                    request.getPageSize(),
                    request.getPageToken()));
            var reply = ListFolderResponse.newBuilder()
                    .setPath(page.path())
                    .setTitle(page.title())
                    .setNextPageToken(page.nextPageToken());
            page.breadcrumbs()
                    .forEach(c -> reply.addBreadcrumbs(
                            Breadcrumb.newBuilder().setPath(c.path()).setName(c.name())));
            page.folders()
                    .forEach(f -> reply.addFolders(FolderEntry.newBuilder()
                            .setPath(f.path())
                            .setName(f.name())
                            .setFolderId(f.folderId())
                            .setPosition(f.position())));
            page.assets()
                    .forEach(a -> reply.addAssets(
                            AssetEntry.newBuilder().setAssetId(a.assetId()).setTitle(a.title())));
            page.actions().forEach(a -> reply.addActions(Wire.action(a)));
            return reply.build();
        });
    }

    @Override
    public void onMediaAdded(OnMediaAddedRequest request, StreamObserver<OnMediaAddedResponse> out) {
        answer(out, () -> {
            organizer.onMediaAdded(Wire.media(request.getMedia()), Wire.principal(request.getUploader()));
            return OnMediaAddedResponse.getDefaultInstance();
        });
    }

    @Override
    public void onMediaReady(OnMediaReadyRequest request, StreamObserver<OnMediaReadyResponse> out) {
        answer(out, () -> {
            organizer.onMediaReady(Wire.media(request.getMedia()));
            return OnMediaReadyResponse.getDefaultInstance();
        });
    }

    @Override
    public void onNoteAdded(OnNoteAddedRequest request, StreamObserver<OnNoteAddedResponse> out) {
        answer(out, () -> {
            organizer.onNoteAdded(Wire.note(request.getNote()));
            return OnNoteAddedResponse.getDefaultInstance();
        });
    }

    @Override
    public void onApprovalChanged(OnApprovalChangedRequest request, StreamObserver<OnApprovalChangedResponse> out) {
        answer(out, () -> {
            organizer.onApprovalChanged(new ApprovalChange(
                    request.getAssetId(),
                    request.getVersionNumber(),
                    Wire.approval(request.getStatus()),
                    Wire.principal(request.getDecidedBy())));
            return OnApprovalChangedResponse.getDefaultInstance();
        });
    }

    @Override
    public void runAction(RunActionRequest request, StreamObserver<RunActionResponse> out) {
        answer(out, () -> {
            ActionResult result = organizer.runAction(new ActionRequest(
                    Wire.principal(request.getPrincipal()),
                    request.getActionId(),
                    Wire.ref(request.getTarget()),
                    request.getPath(),
                    request.getParametersMap()));
            return RunActionResponse.newBuilder()
                    .setMessage(result.message())
                    .setNavigatePath(result.navigatePath())
                    .build();
        });
    }

    /** Runs a hook and maps its outcome, including the SDK's and the host's exceptions, to a status. */
    private <T> void answer(StreamObserver<T> out, Supplier<T> hook) {
        T reply;
        try {
            reply = hook.get();
        } catch (Organizer.Unimplemented e) {
            out.onError(Status.UNIMPLEMENTED.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (OrganizerException e) {
            out.onError(status(e).withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "organizer " + info.name() + " failed", e);
            out.onError(Status.INTERNAL
                    .withDescription("organizer " + info.name() + " failed: " + e)
                    .asRuntimeException());
            return;
        }
        out.onNext(reply);
        out.onCompleted();
    }

    static Status status(OrganizerException e) {
        if (e instanceof OrganizerException.NotFound) {
            return Status.NOT_FOUND;
        } else if (e instanceof OrganizerException.Invalid) {
            return Status.INVALID_ARGUMENT;
        } else if (e instanceof OrganizerException.Forbidden) {
            return Status.PERMISSION_DENIED;
        } else if (e instanceof OrganizerException.Conflict) {
            return Status.FAILED_PRECONDITION;
        }
        return Status.UNAVAILABLE;
    }
}
