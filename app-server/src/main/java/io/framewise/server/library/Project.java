package io.framewise.server.library;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;

/** A project: the top of the library tree. @param name 1 to 200 characters */
public record Project(String id, String name, String createdBy, Instant created) {

    public Project {
        Ids.require("id", id);
        Require.text("name", name, 200);
        Ids.require("createdBy", createdBy);
        Require.present("created", created);
    }
}
