package io.framewise.server.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.http.ApiException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads note request bodies field by field. The split of refusals is the API's: a body that is not
 * JSON, a field of the wrong JSON type, a missing or unknown field is a 400 (the request is
 * malformed); a well-typed value that is out of range is a 422 (see {@link NoteService}).
 */
final class NoteInput {

    private static final Set<String> CREATE_FIELDS = Set.of("text", "frame", "frameOut", "parentId", "drawing");
    private static final Set<String> PATCH_FIELDS = Set.of("text", "drawing", "resolved");

    private final ObjectMapper mapper;

    NoteInput(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** What {@code POST /api/media/{id}/comments} asks for; text is trimmed and length-checked. */
    NoteDraft create(String body) throws JsonProcessingException {
        JsonNode json = object(body, CREATE_FIELDS);
        JsonNode text = json.get("text");
        if (text == null || text.isNull()) {
            throw badRequest("text is required", "text");
        }
        JsonNode drawing = json.get("drawing");
        return new NoteDraft(
                text(text),
                optionalLong(json, "frame"),
                optionalLong(json, "frameOut"),
                optionalString(json, "parentId"),
                drawing == null || drawing.isNull() ? null : drawing);
    }

    /**
     * What {@code PATCH /api/comments/{id}} asks for. The drawing is a JSON null node when the
     * client asked to remove it and Java {@code null} when it did not mention it.
     */
    NoteEdit patch(String body) throws JsonProcessingException {
        JsonNode json = object(body, PATCH_FIELDS);
        if (json.isEmpty()) {
            throw badRequest("give at least one of text, drawing, resolved", "body");
        }
        JsonNode text = json.get("text");
        JsonNode resolved = json.get("resolved");
        if (resolved != null && !resolved.isBoolean()) {
            throw badRequest("resolved must be true or false", "resolved");
        }
        return new NoteEdit(
                text == null ? null : text(text), json.get("drawing"), resolved == null ? null : resolved.asBoolean());
    }

    private JsonNode object(String body, Set<String> allowed) throws JsonProcessingException {
        // Jackson's parse errors go on to the error mapper, which answers 400 with line and column.
        JsonNode json = body == null || body.isBlank() ? null : mapper.readTree(body);
        if (json == null || !json.isObject()) {
            throw badRequest("the body must be a JSON object", "body");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String shown = name.length() <= 40 ? name : name.substring(0, 40) + "...";
                throw badRequest(
                        "Unknown field '" + shown + "'; allowed: " + String.join(", ", sorted(allowed)), shown);
            }
        }
        return json;
    }

    private static String text(JsonNode text) {
        if (!text.isTextual()) {
            throw badRequest("text must be a string", "text");
        }
        // Stored and returned as plain text: markup is never interpreted by the server.
        String trimmed = text.asText().strip();
        if (trimmed.isEmpty() || trimmed.length() > Note.MAX_TEXT) {
            throw new ApiException.Invalid(
                    "text must be 1 to " + Note.MAX_TEXT + " characters after trimming, got " + trimmed.length(),
                    Map.of("field", "text", "min", 1, "max", Note.MAX_TEXT));
        }
        return trimmed;
    }

    private static Long optionalLong(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw badRequest(field + " must be an integer frame index", field);
        }
        return value.asLong();
    }

    private static String optionalString(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw badRequest(field + " must be a string", field);
        }
        return value.asText();
    }

    private static String[] sorted(Set<String> names) {
        return names.stream().sorted().toArray(String[]::new);
    }

    private static ApiException.BadRequest badRequest(String message, String field) {
        return new ApiException.BadRequest(message, Map.of("field", field), null);
    }
}
