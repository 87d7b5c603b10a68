package io.framewise.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One event to record: who ({@code actorId}, {@code actorName}, both null for anonymous), what
 * ({@code action}, such as {@code login.failure}), on what ({@code resourceType}, {@code
 * resourceId}), from where ({@code sourceAddress}), how it ended and any details. The sequence
 * number, time and hashes are added by {@link AuditLog#append}.
 *
 * <p>Build one with {@link #of} and the {@code by}/{@code on}/{@code from}/{@code details} copies:
 * {@code AuditEntry.of("media.deleted", SUCCESS).by(user.id(), user.name()).on("media", id).from(ip)}.
 *
 * @param detailsJson a JSON object in canonical form (keys sorted, no spaces), or null
 */
public record AuditEntry(
        String actorId,
        String actorName,
        String action,
        String resourceType,
        String resourceId,
        String sourceAddress,
        AuditOutcome outcome,
        String detailsJson) {

    /** Dotted lower-case words: {@code login.success}, {@code approval.changed}. */
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private static final int MAX_ACTION = 64;
    private static final int MAX_TEXT = 512;
    private static final int MAX_DETAILS = 16_384;

    /** Sorted keys make the same details always hash the same. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        if (action.length() > MAX_ACTION || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException(
                    "audit action must be dotted lower-case words such as login.success, not '" + action + "'");
        }
        actorId = limited("actor id", actorId);
        actorName = limited("actor name", actorName);
        resourceType = limited("resource type", resourceType);
        resourceId = limited("resource id", resourceId);
        sourceAddress = limited("source address", sourceAddress);
        detailsJson = detailsJson == null ? null : canonicalObject(detailsJson);
    }

    /** An anonymous entry with nothing but its action and outcome. */
    public static AuditEntry of(String action, AuditOutcome outcome) {
        return new AuditEntry(null, null, action, null, null, null, outcome, null);
    }

    /** This entry done by the given user (either may be null, e.g. a failed login knows only the name). */
    public AuditEntry by(String id, String name) {
        return new AuditEntry(id, name, action, resourceType, resourceId, sourceAddress, outcome, detailsJson);
    }

    /** This entry about the given resource, e.g. {@code ("media", mediaId)}. */
    public AuditEntry on(String type, String id) {
        return new AuditEntry(actorId, actorName, action, type, id, sourceAddress, outcome, detailsJson);
    }

    /** This entry coming from the given client address. */
    public AuditEntry from(String address) {
        return new AuditEntry(actorId, actorName, action, resourceType, resourceId, address, outcome, detailsJson);
    }

    /** This entry with the given details (written as a JSON object with sorted keys). */
    public AuditEntry details(Map<String, ?> details) {
        String json;
        try {
            json = details == null ? null : CANONICAL.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return new AuditEntry(actorId, actorName, action, resourceType, resourceId, sourceAddress, outcome, json);
    }

    private static String limited(String what, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new IllegalArgumentException("audit " + what + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static String canonicalObject(String json) {
        if (json.length() > MAX_DETAILS) {
            throw new IllegalArgumentException("audit details are longer than " + MAX_DETAILS + " characters");
        }
        try {
            Object parsed = CANONICAL.readValue(json, Object.class);
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("audit details must be a JSON object, not " + json);
            }
            return CANONICAL.writeValueAsString(parsed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
