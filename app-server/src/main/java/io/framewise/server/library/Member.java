package io.framewise.server.library;

import io.framewise.server.access.ProjectRole;
import java.util.Objects;

/** A person's membership of a project. */
public record Member(String userId, String name, String displayName, ProjectRole role) {

    public Member {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
