package io.framewise.server.shares;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.access.GuestRight;
import io.framewise.server.http.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads the bodies of the link routes strictly: an unknown field, a wrong type or a right that does
 * not exist is refused naming the field (400), so a typo never silently makes a weaker link.
 */
final class ShareRequests {

    static final int MAX_TITLE = 200;
    /** The latest time a link may expire: later ones do not fit the stored milliseconds (and mean never). */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private static final Set<String> DRAFT_FIELDS = Set.of(
            "target",
            "version",
            "expiresAt",
            "password",
            "rights",
            "maxViews",
            "watermark",
            "requireEmail",
            "live",
            "title");
    private static final Set<String> CHANGE_FIELDS =
            Set.of("expiresAt", "password", "rights", "maxViews", "watermark", "requireEmail", "live", "title");

    /** A field of a change: absent (null), or present with a value that may be null (clear it). */
    record Change<T>(T value) {}

    /** A new link as asked for. */
    record Draft(
            String targetType,
            String targetId,
            Integer version,
            Instant expires,
            String password,
            Set<GuestRight> rights,
            Integer maxViews,
            boolean watermark,
            boolean requireEmail,
            boolean live,
            String title) {}

    /** What a PATCH changes; null fields stay as they are. */
    record Changes(
            Change<Instant> expires,
            Change<String> password,
            Set<GuestRight> rights,
            Change<Integer> maxViews,
            Boolean watermark,
            Boolean requireEmail,
            Boolean live,
            Change<String> title) {}

    private ShareRequests() {}

    static Draft draft(JsonNode body) {
        object(body, "body");
        known(body, DRAFT_FIELDS, "");
        JsonNode target = body.get("target");
        if (target == null || target.isNull()) {
            throw bad("target is required", "target");
        }
        object(target, "target");
        known(target, Set.of("type", "id"), "target.");
        if (!body.has("rights")) {
            throw bad("rights is required (at least [\"view\"])", "rights");
        }
        return new Draft(
                text(target, "type", "target.type", true),
                text(target, "id", "target.id", true),
                integer(body, "version"),
                time(body, "expiresAt"),
                text(body, "password", "password", false),
                rights(body.get("rights")),
                integer(body, "maxViews"),
                flag(body, "watermark", false),
                flag(body, "requireEmail", false),
                flag(body, "live", false),
                title(body));
    }

    static Changes changes(JsonNode body) {
        object(body, "body");
        known(body, CHANGE_FIELDS, "");
        return new Changes(
                body.has("expiresAt") ? new Change<>(time(body, "expiresAt")) : null,
                body.has("password") ? new Change<>(text(body, "password", "password", false)) : null,
                body.has("rights") ? rights(body.get("rights")) : null,
                body.has("maxViews") ? new Change<>(integer(body, "maxViews")) : null,
                body.has("watermark") ? flag(body, "watermark", false) : null,
                body.has("requireEmail") ? flag(body, "requireEmail", false) : null,
                body.has("live") ? flag(body, "live", false) : null,
                body.has("title") ? new Change<>(title(body)) : null);
    }

    static Set<GuestRight> rights(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw bad("rights must be a list such as [\"view\", \"comment\"]", "rights");
        }
        Set<GuestRight> rights = EnumSet.noneOf(GuestRight.class);
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String field = "rights[" + i + "]";
            if (!r.isTextual()) {
                throw bad(field + " must be a string", field);
            }
            rights.add(GuestRight.fromWire(r.asText())
                    .orElseThrow(() -> bad(
                            field + " is not a known right (view, comment, approve, download, downloadProxy): "
                                    + r.asText(),
                            field)));
        }
        if (!rights.contains(GuestRight.VIEW)) {
            throw new ApiException.Invalid("rights must include view", Map.of("field", "rights"));
        }
        return rights;
    }

    private static void object(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw bad(field + " must be a JSON object", field);
        }
    }

    private static void known(JsonNode node, Set<String> fields, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw bad(prefix + name + " is not a known field", prefix + name);
            }
        }
    }

    private static String text(JsonNode body, String name, String field, boolean required) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw bad(field + " is required", field);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw bad(field + " must be a string", field);
        }
        return v.asText();
    }

    private static String title(JsonNode body) {
        String title = text(body, "title", "title", false);
        if (title == null) {
            return null;
        }
        title = title.strip();
        if (title.isEmpty()) {
            return null;
        }
        if (title.codePointCount(0, title.length()) > MAX_TITLE) {
            throw new ApiException.Invalid(
                    "title is longer than " + MAX_TITLE + " characters", Map.of("field", "title"));
        }
        return title;
    }

    private static Integer integer(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw bad(name + " must be a whole number", name);
        }
        if (v.asInt() < 1) {
            throw new ApiException.Invalid(name + " must be at least 1", Map.of("field", name));
        }
        return v.asInt();
    }

    private static boolean flag(JsonNode body, String name, boolean otherwise) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw bad(name + " must be true or false", name);
        }
        return v.asBoolean();
    }

    private static Instant time(JsonNode body, String name) {
        String text = text(body, name, name, false);
        if (text == null) {
            return null;
        }
        Instant time;
        try {
            time = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                time = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw bad(name + " must be an ISO-8601 time such as 2030-01-31T18:00:00Z", name);
            }
        }
        if (time.isAfter(LATEST_EXPIRY)) {
            throw new ApiException.Invalid(
                    name + " must be no later than " + LATEST_EXPIRY + " (leave it out for a link that never expires)",
                    Map.of("field", name));
        }
        return time;
    }

    private static ApiException bad(String message, String field) {
        return new ApiException.BadRequest(message, Map.of("field", field), null);
    }
}
