package io.framewise.server.http;

import java.util.Map;

/**
 * The one error shape every endpoint answers with: {@code {"error":{"code","message","details"}}}.
 * Clients (web UI, desktop, CLI, plugins) parse only this.
 */
public record ErrorBody(Error error) {

    /** The inner object: a stable code, a sentence for humans, and optional facts. */
    public record Error(String code, String message, Map<String, Object> details) {}

    public static ErrorBody of(String code, String message, Map<String, Object> details) {
        return new ErrorBody(new Error(code, message, details == null ? Map.of() : details));
    }
}
