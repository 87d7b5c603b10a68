package io.framewise.organizer.sdk;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who an organizer is. The hooks it claims are not listed here: the SDK claims exactly the
 * {@link Organizer} methods the implementation overrides.
 *
 * @param name short unique name: lower-case letters, digits and '-', e.g. {@code confidential}
 * @param actions the actions it offers wherever their target type appears
 */
public record OrganizerInfo(String name, String version, String description, List<ActionDefinition> actions) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public OrganizerInfo {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "an organizer name is 1 to 63 lower-case letters, digits or '-', got " + name);
        }
        version = Objects.requireNonNullElse(version, "0");
        description = Objects.requireNonNullElse(description, "");
        actions = List.copyOf(Objects.requireNonNullElse(actions, List.of()));
    }

    public OrganizerInfo(String name, String version, String description) {
        this(name, version, description, List.of());
    }
}
