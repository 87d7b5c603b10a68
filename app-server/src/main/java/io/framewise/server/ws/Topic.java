package io.framewise.server.ws;

import java.util.Objects;

/** What a connection subscribes to: the whole library, one asset or one media item. */
public record Topic(Scope scope, String id) {

    public enum Scope {
        LIBRARY,
        ASSET,
        MEDIA;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Topic LIBRARY = new Topic(Scope.LIBRARY, null);

    public Topic {
        Objects.requireNonNull(scope, "scope");
        if ((scope == Scope.LIBRARY) != (id == null)) {
            throw new IllegalArgumentException("the library topic has no id, the others need one");
        }
    }

    public static Topic asset(String id) {
        return new Topic(Scope.ASSET, id);
    }

    public static Topic media(String id) {
        return new Topic(Scope.MEDIA, id);
    }
}
