package io.framewise.organizer.sdk;

import java.util.List;
import java.util.Objects;

/**
 * What a library page shows for a folder path.
 *
 * @param path the canonical path of the page
 * @param breadcrumbs from the root to the page's parent
 * @param nextPageToken empty on the last page
 */
public record FolderPage(
        String path,
        String title,
        List<Crumb> breadcrumbs,
        List<FolderEntry> folders,
        List<AssetEntry> assets,
        List<ActionDefinition> actions,
        String nextPageToken) {

    public FolderPage {
        Objects.requireNonNull(path, "path");
        title = Objects.requireNonNullElse(title, "");
        breadcrumbs = List.copyOf(breadcrumbs);
        folders = List.copyOf(folders);
        assets = List.copyOf(assets);
        actions = List.copyOf(actions);
        nextPageToken = Objects.requireNonNullElse(nextPageToken, "");
    }

    /** One step back towards the root. */
    public record Crumb(String path, String name) {}

    /**
     * A subfolder.
     *
     * @param folderId the stored folder's id, empty for virtual folders (a project, a user's home)
     */
    public record FolderEntry(String path, String name, String folderId, int position) {
        public FolderEntry {
            folderId = Objects.requireNonNullElse(folderId, "");
        }
    }

    /** An asset. */
    public record AssetEntry(String assetId, String title) {}
}
