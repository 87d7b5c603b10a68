package io.framewise.server.library;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;

/**
 * A folder in a project.
 *
 * @param parentId the enclosing folder, {@code null} at the project's top level
 * @param name 1 to 200 characters
 * @param position order among its siblings, from 0
 */
public record Folder(String id, String projectId, String parentId, String name, int position, Instant created) {

    public Folder {
        Ids.require("id", id);
        Ids.require("projectId", projectId);
        Ids.optional("parentId", parentId);
        Require.text("name", name, 200);
        Require.range("position", position, 0, Integer.MAX_VALUE);
        Require.present("created", created);
    }
}
