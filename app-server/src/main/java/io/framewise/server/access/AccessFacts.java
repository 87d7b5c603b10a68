package io.framewise.server.access;

import java.util.Map;
import java.util.Optional;

/**
 * What the role policy needs to know about the library, in the fewest questions: which projects a
 * thing belongs to and which role a person has there. Answers are read fresh on every decision,
 * so a membership change takes effect on the next request.
 */
public interface AccessFacts {

    /** A note's place: the media it is on and who wrote it. */
    record NoteFacts(String mediaId, String authorId) {}

    /**
     * What a share link shows, read fresh: its assets and the media items (versions) of them it
     * shows. Empty when the link does not exist or no longer stands (revoked, expired).
     */
    record ShareScope(java.util.Set<String> assetIds, java.util.Set<String> mediaIds) {
        public ShareScope {
            assetIds = java.util.Set.copyOf(assetIds);
            mediaIds = java.util.Set.copyOf(mediaIds);
        }
    }

    /** The person's role in each project they belong to. */
    Map<String, ProjectRole> roles(String userId);

    /** Whether the project exists. */
    boolean projectExists(String projectId);

    /** The project of an asset, if the asset exists. */
    Optional<String> projectOfAsset(String assetId);

    /** The project of each asset that exists, in one question (a page of assets). */
    Map<String, String> projectsOfAssets(java.util.Collection<String> assetIds);

    /**
     * The project whose asset holds this media item as a version; empty while it is unfiled. A media
     * item is a version of at most one asset (the database holds it to that), so this is its one place.
     */
    Optional<String> projectOfMedia(String mediaId);

    /** Who uploaded the media item, if it exists and someone did. */
    Optional<String> uploaderOf(String mediaId);

    Optional<NoteFacts> note(String noteId);

    /** What the share link shows now; empty when it is unknown, revoked or expired. */
    Optional<ShareScope> shareScope(String shareId);
}
