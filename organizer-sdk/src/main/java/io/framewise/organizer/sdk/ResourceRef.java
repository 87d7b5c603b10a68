package io.framewise.organizer.sdk;

import java.util.Objects;

/**
 * A reference to one thing on the server.
 *
 * @param type one of {@code server, project, folder, asset, media, note, user}
 * @param id the thing's id, empty for the server
 */
public record ResourceRef(String type, String id) {

    public ResourceRef {
        type = Objects.requireNonNullElse(type, "");
        id = Objects.requireNonNullElse(id, "");
    }

    public static ResourceRef asset(String id) {
        return new ResourceRef("asset", id);
    }

    public static ResourceRef media(String id) {
        return new ResourceRef("media", id);
    }

    public static ResourceRef folder(String id) {
        return new ResourceRef("folder", id);
    }

    public boolean is(String otherType) {
        return type.equals(otherType);
    }
}
