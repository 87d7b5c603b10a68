package io.framewise.organizer.sdk;

import io.framewise.organizer.wire.v1.CreateAssetRequest;
import io.framewise.organizer.wire.v1.CreateFolderRequest;
import io.framewise.organizer.wire.v1.CreateJobRequest;
import io.framewise.organizer.wire.v1.CreateNotificationRequest;
import io.framewise.organizer.wire.v1.DeleteFolderRequest;
import io.framewise.organizer.wire.v1.GetAssetRequest;
import io.framewise.organizer.wire.v1.GetFolderRequest;
import io.framewise.organizer.wire.v1.GetMediaRequest;
import io.framewise.organizer.wire.v1.GetNoteRequest;
import io.framewise.organizer.wire.v1.GetProjectRequest;
import io.framewise.organizer.wire.v1.GetUserHomeRequest;
import io.framewise.organizer.wire.v1.HostServiceGrpc;
import io.framewise.organizer.wire.v1.JobKind;
import io.framewise.organizer.wire.v1.ListAssetsRequest;
import io.framewise.organizer.wire.v1.ListFoldersRequest;
import io.framewise.organizer.wire.v1.ListMediaRequest;
import io.framewise.organizer.wire.v1.ListNotesRequest;
import io.framewise.organizer.wire.v1.ListProjectMembersRequest;
import io.framewise.organizer.wire.v1.ListProjectsRequest;
import io.framewise.organizer.wire.v1.ListUserProjectsRequest;
import io.framewise.organizer.wire.v1.ListUsersRequest;
import io.framewise.organizer.wire.v1.MoveAssetRequest;
import io.framewise.organizer.wire.v1.MoveFolderRequest;
import io.framewise.organizer.wire.v1.RenameFolderRequest;
import io.framewise.organizer.wire.v1.SetAssetMetadataRequest;
import io.framewise.organizer.wire.v1.SetAssetTagsRequest;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link Host} over the generated HostService stub, with the handshake secret on every call. */
final class GrpcHost implements Host {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final HostServiceGrpc.HostServiceBlockingStub stub;

    /** Cleared when the host answers that it has no ListUserProjects (a server before API 1.1). */
    private volatile boolean hostKnowsUserProjects = true;

    GrpcHost(Channel channel, String secret) {
        this.stub = HostServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(secret));
    }

    static CallCredentials bearer(String secret) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + secret);
                applier.apply(headers);
            }
        };
    }

    private HostServiceGrpc.HostServiceBlockingStub call() {
        return stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Walks every page of a listing. */
    private static <T> List<T> all(Function<String, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        String token = "";
        do {
            Page<T> page = fetch.apply(token);
            all.addAll(page.items());
            token = page.next();
        } while (!token.isEmpty());
        return all;
    }

    private record Page<T>(List<T> items, String next) {}

    @Override
    public List<MediaInfo> listMedia() {
        return all(token -> rpc(() -> {
            var r = call().listMedia(ListMediaRequest.newBuilder()
                    .setPageSize(1000)
                    .setPageToken(token)
                    .build());
            return new Page<>(r.getMediaList().stream().map(Wire::media).toList(), r.getNextPageToken());
        }));
    }

    @Override
    public Optional<MediaInfo> getMedia(String mediaId) {
        return optional(() -> Wire.media(
                call().getMedia(GetMediaRequest.newBuilder().setMediaId(mediaId).build())));
    }

    @Override
    public List<NoteInfo> listNotes(String mediaId) {
        return all(token -> rpc(() -> {
            var r = call().listNotes(ListNotesRequest.newBuilder()
                    .setMediaId(mediaId)
                    .setPageSize(1000)
                    .setPageToken(token)
                    .build());
            return new Page<>(r.getNotesList().stream().map(Wire::note).toList(), r.getNextPageToken());
        }));
    }

    @Override
    public Optional<NoteInfo> getNote(String noteId) {
        return optional(() -> Wire.note(
                call().getNote(GetNoteRequest.newBuilder().setNoteId(noteId).build())));
    }

    @Override
    public List<ProjectInfo> listProjects() {
        return all(token -> rpc(() -> {
            var r = call().listProjects(ListProjectsRequest.newBuilder()
                    .setPageSize(1000)
                    .setPageToken(token)
                    .build());
            return new Page<>(r.getProjectsList().stream().map(Wire::project).toList(), r.getNextPageToken());
        }));
    }

    @Override
    public Optional<ProjectInfo> getProject(String projectId) {
        return optional(() -> Wire.project(call().getProject(
                        GetProjectRequest.newBuilder().setProjectId(projectId).build())));
    }

    @Override
    public List<Member> listProjectMembers(String projectId) {
        return rpc(() -> call()
                .listProjectMembers(ListProjectMembersRequest.newBuilder()
                        .setProjectId(projectId)
                        .build())
                .getMembersList()
                .stream()
                .map(Wire::member)
                .toList());
    }

    /** One call to a 1.1 host; a 1.0 host does not know it, and is asked project by project. */
    @Override
    public List<UserProject> listUserProjects(String userId) {
        if (!hostKnowsUserProjects) {
            return Host.super.listUserProjects(userId);
        }
        try {
            return call()
                    .listUserProjects(ListUserProjectsRequest.newBuilder()
                            .setUserId(userId)
                            .build())
                    .getProjectsList()
                    .stream()
                    .map(p -> new UserProject(Wire.project(p.getProject()), Wire.role(p.getRole())))
                    .toList();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw exception(e.getStatus());
            }
            hostKnowsUserProjects = false;
            return Host.super.listUserProjects(userId);
        }
    }

    @Override
    public List<UserInfo> listUsers() {
        return all(token -> rpc(() -> {
            var r = call().listUsers(ListUsersRequest.newBuilder()
                    .setPageSize(1000)
                    .setPageToken(token)
                    .build());
            return new Page<>(r.getUsersList().stream().map(Wire::user).toList(), r.getNextPageToken());
        }));
    }

    @Override
    public ProjectInfo getUserHome(String userId) {
        return rpc(() -> Wire.project(call().getUserHome(
                        GetUserHomeRequest.newBuilder().setUserId(userId).build())));
    }

    @Override
    public List<FolderInfo> listFolders(String projectId, String parentId) {
        return all(token -> rpc(() -> {
            var r = call().listFolders(ListFoldersRequest.newBuilder()
                    .setProjectId(projectId)
                    .setParentId(orEmpty(parentId))
                    .setPageSize(1000)
                    .setPageToken(token)
                    .build());
            return new Page<>(r.getFoldersList().stream().map(Wire::folder).toList(), r.getNextPageToken());
        }));
    }

    @Override
    public Optional<FolderInfo> getFolder(String folderId) {
        return optional(() -> Wire.folder(call().getFolder(
                        GetFolderRequest.newBuilder().setFolderId(folderId).build())));
    }

    @Override
    public FolderInfo createFolder(String projectId, String parentId, String name) {
        return rpc(() -> Wire.folder(call().createFolder(CreateFolderRequest.newBuilder()
                .setProjectId(projectId)
                .setParentId(orEmpty(parentId))
                .setName(name)
                .build())));
    }

    @Override
    public FolderInfo renameFolder(String folderId, String name) {
        return rpc(() -> Wire.folder(call().renameFolder(RenameFolderRequest.newBuilder()
                .setFolderId(folderId)
                .setName(name)
                .build())));
    }

    @Override
    public FolderInfo moveFolder(String folderId, String parentId, int position) {
        return rpc(() -> Wire.folder(call().moveFolder(MoveFolderRequest.newBuilder()
                .setFolderId(folderId)
                .setParentId(orEmpty(parentId))
                .setPosition(position)
                .build())));
    }

    @Override
    public void deleteFolder(String folderId) {
        rpc(() -> call().deleteFolder(
                        DeleteFolderRequest.newBuilder().setFolderId(folderId).build()));
    }

    @Override
    public List<AssetInfo> listAssets(String projectId, String folderId) {
        return all(token -> rpc(() -> {
            var r = call().listAssets(ListAssetsRequest.newBuilder()
                    .setProjectId(projectId)
                    .setFolderId(orEmpty(folderId))
                    .setPageSize(1000)
                    .setPageToken(token)
                    .build());
            return new Page<>(r.getAssetsList().stream().map(Wire::asset).toList(), r.getNextPageToken());
        }));
    }

    @Override
    public Optional<AssetInfo> getAsset(String assetId) {
        return optional(() -> Wire.asset(
                call().getAsset(GetAssetRequest.newBuilder().setAssetId(assetId).build())));
    }

    @Override
    public AssetInfo createAsset(String projectId, String folderId, String title, String mediaId, String creator) {
        return rpc(() -> Wire.asset(call().createAsset(CreateAssetRequest.newBuilder()
                .setProjectId(projectId)
                .setFolderId(orEmpty(folderId))
                .setTitle(title)
                .setMediaId(mediaId)
                .setCreatorUserId(creator)
                .build())));
    }

    @Override
    public AssetInfo moveAsset(String assetId, String folderId) {
        return rpc(() -> Wire.asset(call().moveAsset(MoveAssetRequest.newBuilder()
                .setAssetId(assetId)
                .setFolderId(orEmpty(folderId))
                .build())));
    }

    @Override
    public AssetInfo setAssetTags(String assetId, List<String> tags) {
        return rpc(() -> Wire.asset(call().setAssetTags(SetAssetTagsRequest.newBuilder()
                .setAssetId(assetId)
                .addAllTags(tags)
                .build())));
    }

    @Override
    public AssetInfo setAssetMetadata(String assetId, Map<String, String> metadata) {
        return rpc(() -> Wire.asset(call().setAssetMetadata(SetAssetMetadataRequest.newBuilder()
                .setAssetId(assetId)
                .putAllMetadata(metadata)
                .build())));
    }

    @Override
    public List<String> notify(List<String> userIds, String text, ResourceRef subject) {
        var request =
                CreateNotificationRequest.newBuilder().addAllUserIds(userIds).setText(text);
        if (subject != null) {
            request.setSubject(Wire.ref(subject));
        }
        return rpc(() -> call().createNotification(request.build()).getNotificationIdsList());
    }

    @Override
    public JobInfo startJob(String kind, String mediaId) {
        JobKind wireKind;
        try {
            wireKind = JobKind.valueOf(Wire.upper("JOB_KIND_", kind));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new OrganizerException.Invalid("unknown job kind: " + kind);
        }
        return rpc(() -> {
            var job = call().createJob(CreateJobRequest.newBuilder()
                    .setKind(wireKind)
                    .setMediaId(mediaId)
                    .build());
            return new JobInfo(
                    job.getId(),
                    Wire.lower(job.getKind().name(), "JOB_KIND_"),
                    job.getMediaId(),
                    Wire.lower(job.getState().name(), "JOB_STATE_"));
        });
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> Optional<T> optional(Supplier<T> call) {
        try {
            return Optional.of(rpc(call));
        } catch (OrganizerException.NotFound e) {
            return Optional.empty();
        }
    }

    /** Runs a call, turning a refusal into the SDK's exception for its status. */
    static <T> T rpc(Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw exception(e.getStatus());
        }
    }

    static OrganizerException exception(Status status) {
        String message = status.getDescription() != null
                ? status.getDescription()
                : status.getCode().name().toLowerCase(Locale.ROOT);
        return switch (status.getCode()) {
            case NOT_FOUND -> new OrganizerException.NotFound(message);
            case INVALID_ARGUMENT -> new OrganizerException.Invalid(message);
            case PERMISSION_DENIED, UNAUTHENTICATED -> new OrganizerException.Forbidden(message);
            case FAILED_PRECONDITION, ALREADY_EXISTS -> new OrganizerException.Conflict(message);
            default -> new OrganizerException.Unavailable(message);
        };
    }
}
