package io.framewise.server.library;

/**
 * A media item was to become a version while it already is one. A media item is a version of at
 * most one asset (the database holds it to that), so it has one place that decides who may see it.
 */
public final class MediaAlreadyFiledException extends IllegalStateException {

    private final String mediaId;
    private final String assetId;

    public MediaAlreadyFiledException(String mediaId, String assetId) {
        super("media " + mediaId + " is already a version of asset " + assetId);
        this.mediaId = mediaId;
        this.assetId = assetId;
    }

    public String mediaId() {
        return mediaId;
    }

    /** The asset that holds it. */
    public String assetId() {
        return assetId;
    }
}
