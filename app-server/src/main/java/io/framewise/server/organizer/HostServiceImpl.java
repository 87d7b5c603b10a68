package io.framewise.server.organizer;

import io.framewise.organizer.wire.v1.CreateAssetRequest;
import io.framewise.organizer.wire.v1.CreateFolderRequest;
import io.framewise.organizer.wire.v1.CreateJobRequest;
import io.framewise.organizer.wire.v1.CreateNotificationRequest;
import io.framewise.organizer.wire.v1.CreateNotificationResponse;
import io.framewise.organizer.wire.v1.DeleteFolderRequest;
import io.framewise.organizer.wire.v1.DeleteFolderResponse;
import io.framewise.organizer.wire.v1.Folder;
import io.framewise.organizer.wire.v1.GetAssetRequest;
import io.framewise.organizer.wire.v1.GetFolderRequest;
import io.framewise.organizer.wire.v1.GetMediaRequest;
import io.framewise.organizer.wire.v1.GetNoteRequest;
import io.framewise.organizer.wire.v1.GetProjectRequest;
import io.framewise.organizer.wire.v1.GetUserHomeRequest;
import io.framewise.organizer.wire.v1.HostServiceGrpc;
import io.framewise.organizer.wire.v1.Job;
import io.framewise.organizer.wire.v1.JobState;
import io.framewise.organizer.wire.v1.ListAssetsRequest;
import io.framewise.organizer.wire.v1.ListAssetsResponse;
import io.framewise.organizer.wire.v1.ListFoldersRequest;
import io.framewise.organizer.wire.v1.ListFoldersResponse;
import io.framewise.organizer.wire.v1.ListMediaRequest;
import io.framewise.organizer.wire.v1.ListMediaResponse;
import io.framewise.organizer.wire.v1.ListNotesRequest;
import io.framewise.organizer.wire.v1.ListNotesResponse;
import io.framewise.organizer.wire.v1.ListProjectMembersRequest;
import io.framewise.organizer.wire.v1.ListProjectMembersResponse;
import io.framewise.organizer.wire.v1.ListProjectsRequest;
import io.framewise.organizer.wire.v1.ListProjectsResponse;
import io.framewise.organizer.wire.v1.ListUserProjectsRequest;
import io.framewise.organizer.wire.v1.ListUserProjectsResponse;
import io.framewise.organizer.wire.v1.ListUsersRequest;
import io.framewise.organizer.wire.v1.ListUsersResponse;
import io.framewise.organizer.wire.v1.Media;
import io.framewise.organizer.wire.v1.MoveAssetRequest;
import io.framewise.organizer.wire.v1.MoveFolderRequest;
import io.framewise.organizer.wire.v1.Note;
import io.framewise.organizer.wire.v1.Project;
import io.framewise.organizer.wire.v1.ProjectMember;
import io.framewise.organizer.wire.v1.RenameFolderRequest;
import io.framewise.organizer.wire.v1.SetAssetMetadataRequest;
import io.framewise.organizer.wire.v1.SetAssetTagsRequest;
import io.framewise.organizer.wire.v1.UserProject;
import io.framewise.server.auth.Account;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.library.Asset;
import io.framewise.server.library.MediaAlreadyFiledException;
import io.framewise.server.media.MediaItem;
import io.framewise.server.notifications.NotificationService;
import io.framewise.server.tags.TagService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the host API: what organizers read and change, checked as strictly as the
 * REST API checks users' requests (a bad request answers INVALID_ARGUMENT or NOT_FOUND naming the
 * problem, never INTERNAL).
 */
final class HostServiceImpl extends HostServiceGrpc.HostServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(HostServiceImpl.class);

    private final HostServices s;
    private final JooqFolderRepository folders;
    private final TagService tags;
    private final NotificationService notifications;

    HostServiceImpl(
            HostServices services, JooqFolderRepository folders, TagService tags, NotificationService notifications) {
        this.s = services;
        this.folders = folders;
        this.tags = tags;
        this.notifications = notifications;
    }

    @Override
    public void listMedia(ListMediaRequest r, StreamObserver<ListMediaResponse> out) {
        answer(out, () -> {
            PageToken page = PageToken.of(r.getPageSize(), r.getPageToken());
            List<MediaItem> items = s.media().list(page.paging());
            var reply = ListMediaResponse.newBuilder();
            items.forEach(m -> reply.addMedia(media(m)));
            return reply.setNextPageToken(page.next(items.size())).build();
        });
    }

    @Override
    public void getMedia(GetMediaRequest r, StreamObserver<Media> out) {
        answer(out, () -> media(media(r.getMediaId())));
    }

    @Override
    public void listNotes(ListNotesRequest r, StreamObserver<ListNotesResponse> out) {
        answer(out, () -> {
            media(r.getMediaId());
            PageToken page = PageToken.of(r.getPageSize(), r.getPageToken());
            var all = s.notes().listByMedia(r.getMediaId());
            var reply = ListNotesResponse.newBuilder();
            page.slice(all).forEach(n -> reply.addNotes(Proto.note(n)));
            return reply.setNextPageToken(page.nextOf(all.size())).build();
        });
    }

    @Override
    public void getNote(GetNoteRequest r, StreamObserver<Note> out) {
        answer(
                out,
                () -> Proto.note(
                        s.notes().get(r.getNoteId()).orElseThrow(() -> notFound("no such note: " + r.getNoteId()))));
    }

    @Override
    public void listProjects(ListProjectsRequest r, StreamObserver<ListProjectsResponse> out) {
        answer(out, () -> {
            PageToken page = PageToken.of(r.getPageSize(), r.getPageToken());
            Set<String> homes = folders.homeProjectIds();
            var shared = s.projects().list().stream()
                    .filter(p -> !homes.contains(p.id()))
                    .toList();
            var reply = ListProjectsResponse.newBuilder();
            page.slice(shared).forEach(p -> reply.addProjects(Proto.project(p, null)));
            return reply.setNextPageToken(page.nextOf(shared.size())).build();
        });
    }

    @Override
    public void getProject(GetProjectRequest r, StreamObserver<Project> out) {
        answer(
                out,
                () -> Proto.project(
                        project(r.getProjectId()),
                        folders.homeOwnerOf(r.getProjectId()).orElse(null)));
    }

    @Override
    public void listProjectMembers(ListProjectMembersRequest r, StreamObserver<ListProjectMembersResponse> out) {
        answer(out, () -> {
            project(r.getProjectId());
            var reply = ListProjectMembersResponse.newBuilder();
            s.members()
                    .members(r.getProjectId())
                    .forEach(m -> reply.addMembers(
                            ProjectMember.newBuilder().setUserId(m.userId()).setRole(Proto.role(m.role()))));
            return reply.build();
        });
    }

    /**
     * The shared projects a user belongs to with their role, in the order of ListProjects: one
     * membership query instead of the organizer asking every project for its members.
     */
    @Override
    public void listUserProjects(ListUserProjectsRequest r, StreamObserver<ListUserProjectsResponse> out) {
        answer(out, () -> {
            Map<String, String> roles = s.members().projectsOf(r.getUserId());
            var reply = ListUserProjectsResponse.newBuilder();
            if (roles.isEmpty()) {
                return reply.build();
            }
            Set<String> homes = folders.homeProjectIds();
            s.projects().list().stream()
                    .filter(p -> roles.containsKey(p.id()) && !homes.contains(p.id()))
                    .forEach(p -> reply.addProjects(UserProject.newBuilder()
                            .setProject(Proto.project(p, null))
                            .setRole(Proto.role(roles.get(p.id())))));
            return reply.build();
        });
    }

    @Override
    public void listUsers(ListUsersRequest r, StreamObserver<ListUsersResponse> out) {
        answer(out, () -> {
            PageToken page = PageToken.of(r.getPageSize(), r.getPageToken());
            List<Account> all = s.accounts().list();
            var reply = ListUsersResponse.newBuilder();
            page.slice(all).forEach(a -> reply.addUsers(Proto.user(a)));
            return reply.setNextPageToken(page.nextOf(all.size())).build();
        });
    }

    @Override
    public void getUserHome(GetUserHomeRequest r, StreamObserver<Project> out) {
        answer(out, () -> {
            Account user =
                    s.accounts().get(r.getUserId()).orElseThrow(() -> notFound("no such user: " + r.getUserId()));
            String id = folders.ensureHome(user.id(), "Home of " + user.displayName());
            return Proto.project(project(id), user.id());
        });
    }

    @Override
    public void listFolders(ListFoldersRequest r, StreamObserver<ListFoldersResponse> out) {
        answer(out, () -> {
            project(r.getProjectId());
            String parent = blankToNull(r.getParentId());
            if (parent != null) {
                folderIn(parent, r.getProjectId());
            }
            PageToken page = PageToken.of(r.getPageSize(), r.getPageToken());
            var all = s.projects().listFolders(r.getProjectId(), parent);
            var reply = ListFoldersResponse.newBuilder();
            page.slice(all).forEach(f -> reply.addFolders(Proto.folder(f)));
            return reply.setNextPageToken(page.nextOf(all.size())).build();
        });
    }

    @Override
    public void getFolder(GetFolderRequest r, StreamObserver<Folder> out) {
        answer(out, () -> Proto.folder(folder(r.getFolderId())));
    }

    @Override
    public void createFolder(CreateFolderRequest r, StreamObserver<Folder> out) {
        answer(out, () -> {
            project(r.getProjectId());
            String parent = blankToNull(r.getParentId());
            if (parent != null) {
                folderIn(parent, r.getProjectId());
            }
            return Proto.folder(s.projects().createFolder(r.getProjectId(), parent, name(r.getName())));
        });
    }

    @Override
    public void renameFolder(RenameFolderRequest r, StreamObserver<Folder> out) {
        answer(out, () -> {
            folder(r.getFolderId());
            folders.rename(r.getFolderId(), name(r.getName()));
            return Proto.folder(folder(r.getFolderId()));
        });
    }

    @Override
    public void moveFolder(MoveFolderRequest r, StreamObserver<Folder> out) {
        answer(out, () -> {
            var folder = folder(r.getFolderId());
            String parent = blankToNull(r.getParentId());
            if (parent != null) {
                folderIn(parent, folder.projectId());
            }
            if (r.getPosition() < 0) {
                throw invalid("position must be 0 or more");
            }
            folders.move(folder.id(), parent, r.getPosition());
            return Proto.folder(folder(folder.id()));
        });
    }

    @Override
    public void deleteFolder(DeleteFolderRequest r, StreamObserver<DeleteFolderResponse> out) {
        answer(out, () -> {
            folder(r.getFolderId());
            try {
                folders.deleteEmpty(r.getFolderId());
            } catch (IllegalStateException e) {
                throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
            }
            return DeleteFolderResponse.getDefaultInstance();
        });
    }

    @Override
    public void listAssets(ListAssetsRequest r, StreamObserver<ListAssetsResponse> out) {
        answer(out, () -> {
            project(r.getProjectId());
            String folder = blankToNull(r.getFolderId());
            if (folder != null) {
                folderIn(folder, r.getProjectId());
            }
            PageToken page = PageToken.of(r.getPageSize(), r.getPageToken());
            var all = s.assets().list(r.getProjectId(), folder);
            var reply = ListAssetsResponse.newBuilder();
            // The page's versions, tags and metadata in one query each, not three per asset.
            var slice = page.slice(all);
            var ids = slice.stream().map(io.framewise.server.library.Asset::id).toList();
            var versions = s.assets().versions(ids);
            var tagged = tags.tags(ids);
            var metadata = tags.metadata(ids);
            slice.forEach(a -> reply.addAssets(Proto.asset(
                    a,
                    versions.getOrDefault(a.id(), List.of()),
                    tagged.getOrDefault(a.id(), List.of()),
                    metadata.getOrDefault(a.id(), Map.of()))));
            return reply.setNextPageToken(page.nextOf(all.size())).build();
        });
    }

    @Override
    public void getAsset(GetAssetRequest r, StreamObserver<io.framewise.organizer.wire.v1.Asset> out) {
        answer(out, () -> asset(assetRecord(r.getAssetId())));
    }

    @Override
    public void createAsset(CreateAssetRequest r, StreamObserver<io.framewise.organizer.wire.v1.Asset> out) {
        answer(out, () -> {
            project(r.getProjectId());
            String folder = blankToNull(r.getFolderId());
            if (folder != null) {
                folderIn(folder, r.getProjectId());
            }
            media(r.getMediaId());
            s.accounts().get(r.getCreatorUserId()).orElseThrow(() -> invalid("no such user: " + r.getCreatorUserId()));
            String title = r.getTitle().strip();
            if (title.isEmpty() || title.length() > 300) {
                throw invalid("title must be 1 to 300 characters");
            }
            // A media item is a version of one asset only: an organizer files media, never steals it.
            Asset created;
            try {
                created = s.assets()
                        .createWithFirstVersion(r.getProjectId(), folder, title, r.getCreatorUserId(), r.getMediaId());
            } catch (MediaAlreadyFiledException e) {
                throw Status.FAILED_PRECONDITION
                        .withDescription("media " + r.getMediaId() + " is already a version of an asset")
                        .asRuntimeException();
            }
            return asset(created);
        });
    }

    @Override
    public void moveAsset(MoveAssetRequest r, StreamObserver<io.framewise.organizer.wire.v1.Asset> out) {
        answer(out, () -> {
            Asset asset = assetRecord(r.getAssetId());
            String folder = blankToNull(r.getFolderId());
            if (folder != null) {
                folderIn(folder, asset.projectId());
            }
            folders.moveAsset(asset.id(), folder);
            return asset(assetRecord(asset.id()));
        });
    }

    @Override
    public void setAssetTags(SetAssetTagsRequest r, StreamObserver<io.framewise.organizer.wire.v1.Asset> out) {
        answer(out, () -> {
            Asset asset = assetRecord(r.getAssetId());
            tags.setTags(asset.id(), r.getTagsList());
            return asset(asset);
        });
    }

    @Override
    public void setAssetMetadata(SetAssetMetadataRequest r, StreamObserver<io.framewise.organizer.wire.v1.Asset> out) {
        answer(out, () -> {
            Asset asset = assetRecord(r.getAssetId());
            tags.setMetadata(asset.id(), r.getMetadataMap());
            return asset(asset);
        });
    }

    @Override
    public void createNotification(CreateNotificationRequest r, StreamObserver<CreateNotificationResponse> out) {
        answer(out, () -> {
            // The service checks the text and the users; its IllegalArgumentException answers INVALID_ARGUMENT.
            boolean hasSubject = r.hasSubject() && !r.getSubject().getType().isEmpty();
            List<String> ids = notifications.post(
                    r.getUserIdsList(),
                    r.getText(),
                    hasSubject ? r.getSubject().getType() : null,
                    hasSubject ? r.getSubject().getId() : null,
                    HostAuth.CALLER.get());
            return CreateNotificationResponse.newBuilder()
                    .addAllNotificationIds(ids)
                    .build();
        });
    }

    @Override
    public void createJob(CreateJobRequest r, StreamObserver<Job> out) {
        answer(out, () -> {
            JobKind kind =
                    switch (r.getKind()) {
                        case JOB_KIND_POSTER -> JobKind.POSTER;
                        case JOB_KIND_SPRITES -> JobKind.SPRITES;
                        case JOB_KIND_WAVEFORM -> JobKind.WAVEFORM;
                        case JOB_KIND_PROXY -> JobKind.PROXY;
                        default -> throw invalid("kind must be one of poster, sprites, waveform, proxy");
                    };
            MediaItem m = media(r.getMediaId());
            var job = s.jobs().enqueue(kind, m.id(), 0, null);
            return Job.newBuilder()
                    .setId(job.id())
                    .setKind(r.getKind())
                    .setMediaId(m.id())
                    .setState(JobState.valueOf("JOB_STATE_" + job.state().name().toUpperCase(Locale.ROOT)))
                    .build();
        });
    }

    private Asset assetRecord(String id) {
        return s.assets().get(id).orElseThrow(() -> notFound("no such asset: " + id));
    }

    private io.framewise.organizer.wire.v1.Asset asset(Asset a) {
        return Proto.asset(a, s.assets().versions(a.id()), tags.tags(a.id()), tags.metadata(a.id()));
    }

    private Media media(MediaItem m) {
        return Proto.media(
                m,
                s.assets().assetOfMedia(m.id()).orElse(null),
                s.uploaders().uploaderOf(m.id()).orElse(null));
    }

    private MediaItem media(String id) {
        return s.media().get(id).orElseThrow(() -> notFound("no such media: " + id));
    }

    private io.framewise.server.library.Project project(String id) {
        return s.projects().get(id).orElseThrow(() -> notFound("no such project: " + id));
    }

    private io.framewise.server.library.Folder folder(String id) {
        return s.projects().getFolder(id).orElseThrow(() -> notFound("no such folder: " + id));
    }

    private void folderIn(String folderId, String projectId) {
        if (!folder(folderId).projectId().equals(projectId)) {
            throw invalid("folder " + folderId + " is not in project " + projectId);
        }
    }

    private static String name(String raw) {
        String name = raw.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw invalid("a folder name is 1 to 200 characters");
        }
        return name;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static StatusRuntimeException notFound(String message) {
        return Status.NOT_FOUND.withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    private static <T> void answer(StreamObserver<T> out, Supplier<T> work) {
        T reply;
        try {
            reply = work.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.warn("host call from organizer {} failed", HostAuth.CALLER.get(), e);
            out.onError(Status.INTERNAL
                    .withDescription("the server failed: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        out.onNext(reply);
        out.onCompleted();
    }
}
