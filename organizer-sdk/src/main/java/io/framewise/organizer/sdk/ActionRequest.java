package io.framewise.organizer.sdk;

import java.util.Map;
import java.util.Objects;

/**
 * A user picked one of the organizer's actions.
 *
 * @param path the folder path the user was on, empty when not picked from a page
 * @param parameters named inputs, e.g. {@code name}
 */
public record ActionRequest(
        Principal principal, String actionId, ResourceRef target, String path, Map<String, String> parameters) {

    public ActionRequest {
        path = Objects.requireNonNullElse(path, "");
        parameters = Map.copyOf(parameters);
    }

    /** A required parameter, or an {@link OrganizerException.Invalid} naming it. */
    public String parameter(String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new OrganizerException.Invalid("the action needs the parameter '" + name + "'");
        }
        return value;
    }
}
