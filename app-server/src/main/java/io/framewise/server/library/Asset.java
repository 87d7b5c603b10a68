package io.framewise.server.library;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;

/**
 * A reviewable piece of work: a stack of versions, each a media item.
 *
 * @param folderId its folder, {@code null} at the project's top level
 * @param title 1 to 300 characters
 */
public record Asset(String id, String projectId, String folderId, String title, String createdBy, Instant created) {

    public Asset {
        Ids.require("id", id);
        Ids.require("projectId", projectId);
        Ids.optional("folderId", folderId);
        Require.text("title", title, 300);
        Ids.require("createdBy", createdBy);
        Require.present("created", created);
    }
}
