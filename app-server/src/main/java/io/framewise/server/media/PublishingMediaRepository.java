package io.framewise.server.media;

import io.framewise.server.db.Paging;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The media repository of a node with a shared store (ADR 0060): before a finished file is recorded
 * (a rendition, the frame map, a clip's original), the item's finished files are published, so no
 * node ever reads a row that names a file the store does not have yet. Every processing step records
 * its file this way, so none of them has to know about the store.
 */
public final class PublishingMediaRepository implements MediaRepository {

    private final MediaRepository inner;
    private final MediaFiles files;

    private PublishingMediaRepository(MediaRepository inner, MediaFiles files) {
        this.inner = inner;
        this.files = files;
    }

    /** {@code inner} itself when the store is the data folder (nothing to publish). */
    public static MediaRepository wrap(MediaRepository inner, MediaFiles files) {
        return files.store().shared() ? new PublishingMediaRepository(inner, files) : inner;
    }

    @Override
    public MediaItem create(NewMediaItem item) {
        return inner.create(item);
    }

    @Override
    public Optional<MediaItem> get(String id) {
        return inner.get(id);
    }

    @Override
    public List<MediaItem> list(Paging paging) {
        return inner.list(paging);
    }

    @Override
    public long count() {
        return inner.count();
    }

    @Override
    public List<MediaItem> list(MediaScope scope, Paging paging) {
        return inner.list(scope, paging);
    }

    @Override
    public int count(MediaScope scope) {
        return inner.count(scope);
    }

    @Override
    public boolean updateStatus(String id, MediaStatus status, String error) {
        return inner.updateStatus(id, status, error);
    }

    @Override
    public boolean setProbe(String id, ProbeSummary probe) {
        return inner.setProbe(id, probe);
    }

    @Override
    public boolean setFrameMapPath(String id, String frameMapPath) {
        files.store().publishItem(id);
        return inner.setFrameMapPath(id, frameMapPath);
    }

    @Override
    public boolean setOriginal(String id, String storedPath, long sizeBytes, String sha256) {
        files.store().publishItem(id);
        return inner.setOriginal(id, storedPath, sizeBytes, sha256);
    }

    @Override
    public boolean delete(String id) {
        return inner.delete(id);
    }

    @Override
    public Rendition putRendition(
            String mediaId, RenditionKind kind, String path, MediaStatus status, String detailsJson) {
        if (status == MediaStatus.READY) {
            files.store().publishItem(mediaId);
        }
        return inner.putRendition(mediaId, kind, path, status, detailsJson);
    }

    @Override
    public List<Rendition> renditions(String mediaId) {
        return inner.renditions(mediaId);
    }

    @Override
    public Map<String, List<Rendition>> renditions(Collection<String> mediaIds) {
        return inner.renditions(mediaIds);
    }
}
