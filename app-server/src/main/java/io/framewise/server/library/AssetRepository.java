package io.framewise.server.library;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assets, their version stacks and the approval of each version. */
public interface AssetRepository {

    /** @param folderId {@code null} for the project's top level */
    Asset create(String projectId, String folderId, String title, String createdBy);

    Optional<Asset> get(String id);

    /** The assets directly in a folder ({@code null}: the project's top level), oldest first. */
    List<Asset> list(String projectId, String folderId);

    /**
     * Creates an asset whose version 1 is {@code mediaId}, in one transaction (no empty asset is left
     * behind when the media cannot be filed).
     *
     * @throws MediaAlreadyFiledException when the media item already is a version of an asset
     */
    Asset createWithFirstVersion(String projectId, String folderId, String title, String createdBy, String mediaId);

    /**
     * Puts {@code mediaId} on top of the asset's stack as the next version number.
     *
     * @throws MediaAlreadyFiledException when the media item already is a version of an asset (this or another)
     */
    AssetVersion addVersion(String assetId, String mediaId);

    /** The stack, version 1 first. */
    List<AssetVersion> versions(String assetId);

    /** The versions of several assets in one query (a page of them), each stack oldest first. */
    Map<String, List<AssetVersion>> versions(Collection<String> assetIds);

    /** The one asset a media item is a version of, if it is one. */
    Optional<String> assetOfMedia(String mediaId);

    Optional<AssetVersion> getVersion(String versionId);

    /** Records the current decision on a version, replacing an earlier one. */
    Approval setApproval(String versionId, ApprovalStatus status, String decidedBy);

    /** The current decision, empty while nobody has decided. */
    Optional<Approval> approval(String versionId);
}
