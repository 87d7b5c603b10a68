package io.framewise.server.clips;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.clip.ClipMode;
import io.framewise.server.clips.ClipDraft.FramePosition;
import io.framewise.server.http.Bodies;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/media/{id}/clips} field by field: a body that is not a JSON
 * object, a missing or unknown field, a value of the wrong type or an unknown mode is a 400 naming
 * the field. Whether the frames lie in the source is the service's to check.
 */
final class ClipInput {

    static final Set<String> FIELDS = Set.of("in", "out", "mode", "templateId", "title", "asVersionOf", "copyNotes");

    /** Longer than any timecode; a longer string is refused before anything parses it. */
    static final int MAX_TIMECODE = 16;

    private final ObjectMapper mapper;

    ClipInput(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ClipDraft read(String body) throws JsonProcessingException {
        JsonNode json = Bodies.object(
                mapper, body, FIELDS, (name, allowed) -> "'" + name + "' is not a known field; allowed: " + allowed);
        return new ClipDraft(
                position(json, "in"),
                position(json, "out"),
                mode(json.get("mode")),
                Bodies.optionalString(json, "templateId"),
                Bodies.optionalString(json, "title"),
                Bodies.optionalString(json, "asVersionOf"),
                optionalBoolean(json, "copyNotes"));
    }

    private static FramePosition position(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw Bodies.badRequest(
                    field + " is required: a frame index like 120 or a timecode like 00:00:05:00", field);
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong() || value.asLong() < 0) {
                throw Bodies.badRequest(field + " must be a frame index from 0, got " + value, field);
            }
            return FramePosition.of(value.asLong());
        }
        if (value.isTextual()) {
            String text = value.asText().strip();
            if (text.isEmpty() || text.length() > MAX_TIMECODE) {
                throw Bodies.badRequest(
                        field + " must be a timecode like 00:00:05:00 (or 00:00:05;00 for drop frame)", field);
            }
            return FramePosition.of(text);
        }
        throw Bodies.badRequest(field + " must be a frame index (integer) or a timecode (string), got " + value, field);
    }

    private static ClipMode mode(JsonNode value) {
        if (value == null || value.isNull()) {
            throw Bodies.badRequest("mode is required: copy, smart or reencode", "mode");
        }
        if (value.isTextual()) {
            switch (value.asText()) {
                case "copy", "smart", "reencode" -> {
                    return ClipMode.valueOf(value.asText().toUpperCase(Locale.ROOT));
                }
                default -> {}
            }
        }
        String shown = value.toString().length() <= 40
                ? value.toString()
                : value.toString().substring(0, 40) + "...";
        throw Bodies.badRequest("mode must be copy, smart or reencode, got " + shown, "mode");
    }

    private static boolean optionalBoolean(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw Bodies.badRequest(field + " must be true or false", field);
        }
        return value.asBoolean();
    }
}
