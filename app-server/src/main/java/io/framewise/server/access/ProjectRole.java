package io.framewise.server.access;

import java.util.Locale;

/**
 * A person's role in one project, weakest first: each role can do everything the ones before it
 * can. Owners manage the project's membership; editors upload, file and manage versions; reviewers
 * comment, draw, approve and drive live sessions; viewers look.
 */
public enum ProjectRole {
    VIEWER,
    REVIEWER,
    EDITOR,
    OWNER;

    public boolean atLeast(ProjectRole other) {
        return compareTo(other) >= 0;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProjectRole fromWire(String text) {
        for (ProjectRole role : values()) {
            if (role.wire().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be owner, editor, reviewer or viewer, got " + text);
    }
}
