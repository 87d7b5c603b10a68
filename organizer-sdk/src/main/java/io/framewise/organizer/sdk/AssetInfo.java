package io.framewise.organizer.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An asset: a stack of versions.
 *
 * @param folderId empty at the project's top level
 * @param versionMediaIds version 1 first
 */
public record AssetInfo(
        String id,
        String projectId,
        String folderId,
        String title,
        String creatorUserId,
        List<String> versionMediaIds,
        List<String> tags,
        Map<String, String> metadata,
        Instant created) {

    public AssetInfo {
        versionMediaIds = List.copyOf(versionMediaIds);
        tags = List.copyOf(tags);
        metadata = Map.copyOf(metadata);
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
