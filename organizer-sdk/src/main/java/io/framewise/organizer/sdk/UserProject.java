package io.framewise.organizer.sdk;

import java.util.Objects;

/**
 * A shared project a user is a member of, with their role there ({@code owner}, {@code editor},
 * {@code reviewer} or {@code viewer}), as {@link Host#listUserProjects} answers.
 */
public record UserProject(ProjectInfo project, String role) {

    public UserProject {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(role, "role");
    }
}
