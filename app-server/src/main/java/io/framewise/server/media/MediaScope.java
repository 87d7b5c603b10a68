package io.framewise.server.media;

import io.framewise.server.db.Ids;

/**
 * Which media items a listing may show, decided by the database: every item (an administrator), or
 * those a person has a role on. The second is the role policy's rule for seeing a media item
 * ({@code access.RolePolicy}) written as a query: an item filed in a project (as an asset's version)
 * is seen by the project's members, whatever their role; an item not filed yet is seen by its
 * uploader alone.
 *
 * @param userId the person, or {@code null} for every item
 */
public record MediaScope(String userId) {

    private static final MediaScope EVERYTHING = new MediaScope(null);

    public MediaScope {
        if (userId != null) {
            Ids.require("userId", userId);
        }
    }

    public static MediaScope everything() {
        return EVERYTHING;
    }

    public static MediaScope seenBy(String userId) {
        return new MediaScope(userId);
    }

    public boolean isEverything() {
        return userId == null;
    }
}
