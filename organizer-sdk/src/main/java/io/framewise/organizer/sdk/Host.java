package io.framewise.organizer.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server, as an organizer sees it: everything an organizer reads or changes goes through here
 * (organizers never touch the database). Calls carry the organizer's one-time credentials and a
 * deadline; a refusal throws an {@link OrganizerException}. Listing methods walk every page.
 */
public interface Host {

    List<MediaInfo> listMedia();

    Optional<MediaInfo> getMedia(String mediaId);

    List<NoteInfo> listNotes(String mediaId);

    Optional<NoteInfo> getNote(String noteId);

    /** Every shared project (personal homes are not listed). */
    List<ProjectInfo> listProjects();

    /** A shared project or a user's home. */
    Optional<ProjectInfo> getProject(String projectId);

    List<Member> listProjectMembers(String projectId);

    /**
     * The shared projects the user is a member of, with their role in each, oldest first (the
     * order of {@link #listProjects}). One call since API 1.1; this default asks every project
     * for its members instead, for hosts written before it.
     */
    default List<UserProject> listUserProjects(String userId) {
        List<UserProject> out = new java.util.ArrayList<>();
        for (ProjectInfo p : listProjects()) {
            listProjectMembers(p.id()).stream()
                    .filter(m -> m.userId().equals(userId))
                    .findFirst()
                    .ifPresent(m -> out.add(new UserProject(p, m.role())));
        }
        return out;
    }

    List<UserInfo> listUsers();

    /** The user's personal project, where their home folders live; created on first use. */
    ProjectInfo getUserHome(String userId);

    /** @param parentId empty or null for the project's top level */
    List<FolderInfo> listFolders(String projectId, String parentId);

    Optional<FolderInfo> getFolder(String folderId);

    /** @param parentId empty or null for the project's top level */
    FolderInfo createFolder(String projectId, String parentId, String name);

    FolderInfo renameFolder(String folderId, String name);

    /** @param parentId empty or null for the top level; @param position from 0, past the end is last */
    FolderInfo moveFolder(String folderId, String parentId, int position);

    /** Deletes an empty folder. */
    void deleteFolder(String folderId);

    /** @param folderId empty or null for the project's top level */
    List<AssetInfo> listAssets(String projectId, String folderId);

    Optional<AssetInfo> getAsset(String assetId);

    AssetInfo createAsset(String projectId, String folderId, String title, String mediaId, String creatorUserId);

    /** @param folderId empty or null for the project's top level */
    AssetInfo moveAsset(String assetId, String folderId);

    AssetInfo setAssetTags(String assetId, List<String> tags);

    AssetInfo setAssetMetadata(String assetId, Map<String, String> metadata);

    /** Notifies each user; {@code subject} may be null. @return the notification ids */
    List<String> notify(List<String> userIds, String text, ResourceRef subject);

    /** @param kind {@code poster}, {@code sprites}, {@code waveform} or {@code proxy} */
    JobInfo startJob(String kind, String mediaId);
}
