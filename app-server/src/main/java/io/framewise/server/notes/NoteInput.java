package io.framewise.server.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.notes.MarkerColour;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads note request bodies field by field. The split of refusals is the API's: a body that is not
 * JSON, a field of the wrong JSON type, a missing or unknown field is a 400 (the request is
 * malformed); a well-typed value that is out of range is a 422 (see {@link NoteService}).
 */
final class NoteInput {

    private static final Set<String> CREATE_FIELDS =
            Set.of("text", "frame", "frameOut", "parentId", "drawing", "colour");
    private static final Set<String> PATCH_FIELDS = Set.of("text", "drawing", "resolved", "colour");

    private final ObjectMapper mapper;

    NoteInput(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** What {@code POST /api/media/{id}/comments} asks for; text is trimmed and length-checked. */
    NoteDraft create(String body) throws JsonProcessingException {
        JsonNode json = object(body, CREATE_FIELDS);
        JsonNode text = json.get("text");
        if (text == null || text.isNull()) {
            throw Bodies.badRequest("text is required", "text");
        }
        JsonNode drawing = json.get("drawing");
        return new NoteDraft(
                text(text),
                optionalLong(json, "frame"),
                optionalLong(json, "frameOut"),
                Bodies.optionalString(json, "parentId"),
                drawing == null || drawing.isNull() ? null : drawing,
                colour(json.get("colour")).orElse(null));
    }

    /**
     * What {@code PATCH /api/comments/{id}} asks for. The drawing is a JSON null node when the
     * client asked to remove it and Java {@code null} when it did not mention it.
     */
    NoteEdit patch(String body) throws JsonProcessingException {
        JsonNode json = object(body, PATCH_FIELDS);
        if (json.isEmpty()) {
            throw Bodies.badRequest("give at least one of text, drawing, resolved, colour", "body");
        }
        JsonNode text = json.get("text");
        JsonNode resolved = json.get("resolved");
        if (resolved != null && !resolved.isBoolean()) {
            throw Bodies.badRequest("resolved must be true or false", "resolved");
        }
        JsonNode colour = json.get("colour");
        return new NoteEdit(
                text == null ? null : text(text),
                json.get("drawing"),
                resolved == null ? null : resolved.asBoolean(),
                colour == null ? null : colour(colour));
    }

    private JsonNode object(String body, Set<String> allowed) throws JsonProcessingException {
        return Bodies.object(mapper, body, allowed, (name, names) -> "Unknown field '" + name + "'; allowed: " + names);
    }

    private static String text(JsonNode text) {
        if (!text.isTextual()) {
            throw Bodies.badRequest("text must be a string", "text");
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

    /** A colour field: empty for null, else one of the palette's names (400 for a non-string, 422 else). */
    static Optional<MarkerColour> colour(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw Bodies.badRequest("colour must be a string or null", "colour");
        }
        return Optional.of(MarkerColour.parse(value.asText())
                .orElseThrow(() -> new ApiException.Invalid(
                        "colour must be one of " + COLOUR_NAMES, Map.of("field", "colour", "allowed", COLOUR_NAMES))));
    }

    private static final List<String> COLOUR_NAMES =
            Arrays.stream(MarkerColour.values()).map(MarkerColour::wire).toList();

    private static Long optionalLong(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw Bodies.badRequest(field + " must be an integer frame index", field);
        }
        return value.asLong();
    }
}
