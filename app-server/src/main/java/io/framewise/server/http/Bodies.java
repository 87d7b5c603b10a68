package io.framewise.server.http;

import io.javalin.http.Context;
import java.util.Map;

/** Reads JSON request bodies, refusing an empty or {@code null} body in words instead of failing later. */
public final class Bodies {

    private Bodies() {}

    /** The body as {@code type}; 400 when it is missing, {@code null} or not of that shape. */
    public static <T> T read(Context ctx, Class<T> type) {
        T body;
        try {
            body = ctx.bodyAsClass(type);
        } catch (NullPointerException e) {
            // Javalin's Jackson bridge refuses a literal null body this way.
            body = null;
        }
        if (body == null) {
            throw new ApiException.BadRequest(
                    "the request body must be a JSON " + (type.isArray() ? "array" : "object"),
                    Map.of("field", "body"),
                    null);
        }
        return body;
    }
}
