package io.framewise.server.notes;

import io.framewise.server.db.Require;

/**
 * A vector drawing on a frame, kept as the client sent it.
 *
 * @param json the drawing's JSON, at most {@link #MAX_JSON} characters
 * @param schemaVersion the version of the drawing format the JSON follows, from 1
 */
public record Drawing(String json, int schemaVersion) {

    public static final int MAX_JSON = 512 * 1024;

    public Drawing {
        Require.text("drawing", json, MAX_JSON);
        Require.range("drawingVersion", schemaVersion, 1, 1000);
    }
}
