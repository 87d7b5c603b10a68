package io.framewise.organizer.sdk;

import java.util.Objects;

/**
 * An action a user can pick in a UI.
 *
 * @param id stable, unique within the organizer, e.g. {@code request-review}
 * @param label what a UI shows, e.g. "Request review"
 * @param targetType the kind of resource it applies to ({@code asset}, {@code folder}, {@code media}),
 *     or empty for the page itself
 */
public record ActionDefinition(String id, String label, String description, String targetType) {

    public ActionDefinition {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an action needs an id");
        }
        label = Objects.requireNonNullElse(label, id);
        description = Objects.requireNonNullElse(description, "");
        targetType = Objects.requireNonNullElse(targetType, "");
    }
}
