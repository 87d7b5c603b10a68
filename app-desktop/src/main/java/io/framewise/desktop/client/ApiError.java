package io.framewise.desktop.client;

import java.util.Map;

/**
 * A request the server refused or could not be reached for, with the words to show the user. Built
 * from the server's one error shape {@code {"error":{"code","message","details"}}} where there is one.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    public ApiError(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    /** The HTTP status, or 0 when the server was not reached at all. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public boolean unauthenticated() {
        return status == 401;
    }

    static ApiError unreachable(String what, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        ApiError e = new ApiError(0, "unreachable", "Cannot reach " + what + ": " + reason, null);
        e.initCause(cause);
        return e;
    }
}
