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

    /**
     * The words to show for a failed call: the innermost cause's message (a future wraps the
     * client's error in a CompletionException), or the failure's kind when it has none.
     */
    public static String reason(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    static ApiError unreachable(String what, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        ApiError e = new ApiError(0, "unreachable", "Cannot reach " + what + ": " + reason, null);
        e.initCause(cause);
        return e;
    }
}
