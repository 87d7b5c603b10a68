package io.framewise.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads JSON request bodies, refusing an empty or {@code null} body in words instead of failing later:
 * as a whole into a class ({@link #read}), or field by field where each field's refusal is worded by
 * the route ({@link #object}, {@link #optionalString}, {@link #badRequest}).
 */
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

    /**
     * The body as a JSON object whose fields are all among {@code allowed}: else a 400 naming {@code
     * body}, or naming the first unknown field (cut to 40 characters) in the words {@code unknown}
     * gives it with the allowed fields (sorted, comma-separated). Broken JSON goes on to the error
     * mapper, which answers 400 with line and column.
     */
    public static JsonNode object(
            ObjectMapper mapper, String body, Set<String> allowed, BiFunction<String, String, String> unknown)
            throws JsonProcessingException {
        JsonNode json = body == null || body.isBlank() ? null : mapper.readTree(body);
        if (json == null || !json.isObject()) {
            throw badRequest("the body must be a JSON object", "body");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String shown = name.length() <= 40 ? name : name.substring(0, 40) + "...";
                throw badRequest(
                        unknown.apply(
                                shown,
                                String.join(", ", allowed.stream().sorted().toList())),
                        shown);
            }
        }
        return json;
    }

    /** The field's text, {@code null} when it is absent or null; a 400 naming it when it is not a string. */
    public static String optionalString(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw badRequest(field + " must be a string", field);
        }
        return value.asText();
    }

    /** A 400 naming the field at fault. */
    public static ApiException.BadRequest badRequest(String message, String field) {
        return new ApiException.BadRequest(message, Map.of("field", field), null);
    }

    private static ApiException wrongShape(Class<?> type, Throwable cause) {
        return new ApiException.BadRequest(
                "the request body must be a JSON " + (type.isArray() ? "array" : "object"),
                Map.of("field", "body"),
                cause);
    }
}
