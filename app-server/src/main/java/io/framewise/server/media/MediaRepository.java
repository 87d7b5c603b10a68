package io.framewise.server.media;

import io.framewise.server.db.Paging;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The media library's items and their renditions. */
public interface MediaRepository {

    /** Stores a new item in {@link MediaStatus#PROCESSING}. */
    MediaItem create(NewMediaItem item);

    Optional<MediaItem> get(String id);

    /** A page of items ordered by creation time (ties broken by id, so pages never overlap). */
    List<MediaItem> list(Paging paging);

    long count();

    /**
     * A page of the items in {@code scope}, in {@link #list} order; visibility is decided in the
     * query, so a page holds only items the scope may see and costs the same wherever it lies.
     */
    List<MediaItem> list(MediaScope scope, Paging paging);

    /** How many items {@code scope} may see. */
    int count(MediaScope scope);

    /**
     * Sets the status; {@code error} is kept only for {@link MediaStatus#FAILED}.
     *
     * @return whether the item exists
     */
    boolean updateStatus(String id, MediaStatus status, String error);

    default boolean markReady(String id) {
        return updateStatus(id, MediaStatus.READY, null);
    }

    default boolean markFailed(String id, String reason) {
        return updateStatus(id, MediaStatus.FAILED, reason);
    }

    /** Records what probing found. @return whether the item exists */
    boolean setProbe(String id, ProbeSummary probe);

    /** Records where the frame map lies, relative to the data folder. @return whether the item exists */
    boolean setFrameMapPath(String id, String frameMapPath);

    /**
     * Records the original written after the item was created (a clip's file is cut by its job).
     *
     * @param sha256 lowercase hex, or {@code null} when not computed
     * @return whether the item exists
     */
    boolean setOriginal(String id, String storedPath, long sizeBytes, String sha256);

    /**
     * Deletes the item with its renditions, notes, jobs and the asset versions showing it. The
     * files are the caller's to remove. @return whether it existed
     */
    boolean delete(String id);

    /** Creates or replaces the item's rendition of {@code kind}. */
    Rendition putRendition(String mediaId, RenditionKind kind, String path, MediaStatus status, String detailsJson);

    /** The item's renditions in {@link RenditionKind} order. */
    List<Rendition> renditions(String mediaId);

    /**
     * The renditions of several items in one query (a listing's page), each item's in {@link
     * RenditionKind} order; items without renditions are left out of the map.
     */
    Map<String, List<Rendition>> renditions(Collection<String> mediaIds);
}
