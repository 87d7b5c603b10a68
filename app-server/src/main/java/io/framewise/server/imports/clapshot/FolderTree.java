package io.framewise.server.imports.clapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The basic_folders organizer's tree: items are parent-to-child edges (a folder or media file has at
 * most one parent); a user's root is their folder that is no item's sub-folder.
 */
final class FolderTree {

    private final Map<Long, ClapshotData.Folder> folders = new LinkedHashMap<>();
    private final Map<Long, Long> parentOfFolder = new HashMap<>();
    private final Map<String, Long> folderOfMedia = new HashMap<>();
    private final Map<Long, List<Long>> children = new HashMap<>();

    FolderTree(ClapshotData data) {
        data.folders().forEach(f -> folders.put(f.id(), f));
        // Items come sorted by folder, sort_order, id: children lists keep Clapshot's order.
        for (ClapshotData.FolderItem item : data.folderItems()) {
            if (item.subfolderId() != null
                    && folders.containsKey(item.subfolderId())
                    && !item.subfolderId().equals(item.folderId())) {
                parentOfFolder.put(item.subfolderId(), item.folderId());
                children.computeIfAbsent(item.folderId(), k -> new ArrayList<>())
                        .add(item.subfolderId());
            } else if (item.mediaId() != null) {
                folderOfMedia.put(item.mediaId(), item.folderId());
            }
        }
    }

    boolean isRoot(long folderId) {
        return !parentOfFolder.containsKey(folderId);
    }

    Long parentOf(long folderId) {
        return parentOfFolder.get(folderId);
    }

    /** The folder a media file is in, or {@code null} when it is in none. */
    Long folderOfMedia(String mediaId) {
        return folderOfMedia.get(mediaId);
    }

    /** Every folder reachable from a root, parents before children; folders caught in a cycle are left out. */
    List<ClapshotData.Folder> inTreeOrder() {
        List<ClapshotData.Folder> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Deque<Long> queue = new ArrayDeque<>();
        folders.keySet().stream().filter(this::isRoot).forEach(queue::add);
        while (!queue.isEmpty()) {
            long id = queue.poll();
            if (!seen.add(id)) {
                continue;
            }
            out.add(folders.get(id));
            queue.addAll(children.getOrDefault(id, List.of()));
        }
        return out;
    }
}
