package io.framewise.server.tags;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Where the tags and metadata of assets are kept; the rules for what they may hold are {@link TagService}'s. */
public interface TagRepository {

    /** The asset's tags, in order. */
    List<String> tags(String assetId);

    /** The tags of several assets in one query (a page of them), each in order; untagged ones are left out. */
    Map<String, List<String>> tags(Collection<String> assetIds);

    /** The metadata of several assets in one query, each by key; assets without any are left out. */
    Map<String, Map<String, String>> metadata(Collection<String> assetIds);

    /** Replaces the asset's tags with {@code tags}, in one transaction. */
    void replaceTags(String assetId, List<String> tags);

    /** The asset's metadata, by key. */
    Map<String, String> metadata(String assetId);

    /** Replaces the asset's metadata with {@code metadata}, in one transaction. */
    void replaceMetadata(String assetId, Map<String, String> metadata);
}
