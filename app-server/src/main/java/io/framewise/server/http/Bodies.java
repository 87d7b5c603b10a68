package io.framewise.server.http;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
        } catch (Exception e) {
            // Javalin passes Jackson's checked exceptions on undeclared. A field of the wrong type goes
            // on to the error mapper, which names the field; a body of the wrong shape as a whole (an
            // array, a string, a number, nothing) is answered here.
            if (e instanceof MismatchedInputException m && m.getPath().isEmpty()) {
                throw wrongShape(type, e);
            }
            throw e;
        }
        if (body == null) {
            throw wrongShape(type, null);
        }
        return body;
    }

    private static ApiException wrongShape(Class<?> type, Throwable cause) {
        return new ApiException.BadRequest(
                "the request body must be a JSON " + (type.isArray() ? "array" : "object"),
                Map.of("field", "body"),
                cause);
    }
}
