package io.framewise.organizer.sdk;

/**
 * A failure with a meaning both sides understand. An organizer throws one to answer with that
 * status; the {@link Host} throws one when the server refused a call.
 */
public abstract sealed class OrganizerException extends RuntimeException {

    OrganizerException(String message) {
        super(message);
    }

    /** There is no such thing (gRPC NOT_FOUND; HTTP 404). */
    public static final class NotFound extends OrganizerException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request itself is wrong (INVALID_ARGUMENT; HTTP 400). */
    public static final class Invalid extends OrganizerException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The caller may not do this (PERMISSION_DENIED; HTTP 403). */
    public static final class Forbidden extends OrganizerException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** Not in the current state, e.g. deleting a folder that is not empty (FAILED_PRECONDITION; HTTP 409). */
    public static final class Conflict extends OrganizerException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The other side failed or could not be reached (any other status). */
    public static final class Unavailable extends OrganizerException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
