package io.framewise.server.http;

import java.util.Map;

/**
 * A request the server refuses for a reason the client can act on. Each subclass fixes the HTTP
 * status and a stable machine-readable code; {@link ErrorMapper} turns every one of them into the
 * single error shape, so handlers only throw and never format errors themselves.
 */
public abstract sealed class ApiException extends RuntimeException
        permits ApiException.BadRequest,
                ApiException.NotFound,
                ApiException.Conflict,
                ApiException.Locked,
                ApiException.Gone,
                ApiException.PayloadTooLarge,
                ApiException.Unsupported,
                ApiException.Invalid,
                ApiException.InsufficientStorage,
                ApiException.Unauthenticated,
                ApiException.Forbidden,
                ApiException.Misdirected,
                ApiException.TooManyRequests,
                ApiException.Unavailable {

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    protected ApiException(int status, String code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The HTTP status this refusal answers with. */
    public int status() {
        return status;
    }

    /** Stable, lower-case code clients can switch on (e.g. {@code not_found}). */
    public String code() {
        return code;
    }

    /** Extra facts about the refusal (the offending parameter, the limit, the allowed range). */
    public Map<String, Object> details() {
        return details;
    }

    /** 400: the request itself is malformed (bad JSON, a parameter of the wrong type, a missing field). */
    public static final class BadRequest extends ApiException {
        public BadRequest(String message) {
            this(message, Map.of(), null);
        }

        public BadRequest(String message, Map<String, Object> details, Throwable cause) {
            super(400, "bad_request", message, details, cause);
        }
    }

    /** 404: the addressed thing does not exist. */
    public static final class NotFound extends ApiException {
        public NotFound(String message) {
            this(message, Map.of());
        }

        public NotFound(String message, Map<String, Object> details) {
            super(404, "not_found", message, details, null);
        }
    }

    /** 409: the request clashes with the current state (a duplicate, an edit of something gone stale). */
    public static final class Conflict extends ApiException {
        public Conflict(String message, Map<String, Object> details) {
            super(409, "conflict", message, details, null);
        }
    }

    /**
     * 423: the addressed thing is being changed by another request right now (a resumable upload
     * written through another server node); the same request may be sent again shortly.
     */
    public static final class Locked extends ApiException {
        public Locked(String message, Map<String, Object> details) {
            super(423, "locked", message, details, null);
        }
    }

    /** 410: the addressed thing existed but is over for good (an expired or used-up share link). */
    public static final class Gone extends ApiException {
        public Gone(String message, Map<String, Object> details) {
            super(410, "gone", message, details, null);
        }
    }

    /** 413: the body is larger than the configured limit. */
    public static final class PayloadTooLarge extends ApiException {
        public PayloadTooLarge(String message, long limitBytes) {
            super(413, "payload_too_large", message, Map.of("limitBytes", limitBytes), null);
        }
    }

    /** 415: the body's media type is not one this endpoint accepts. */
    public static final class Unsupported extends ApiException {
        public Unsupported(String message, Map<String, Object> details) {
            super(415, "unsupported_media_type", message, details, null);
        }
    }

    /** 422: well-formed but semantically impossible (a frame outside the media, an inverted range). */
    public static final class Invalid extends ApiException {
        public Invalid(String message) {
            this(message, Map.of());
        }

        public Invalid(String message, Map<String, Object> details) {
            super(422, "invalid", message, details, null);
        }
    }

    /** 507: accepting the body would leave less free disk than the configured reserve. */
    public static final class InsufficientStorage extends ApiException {
        public InsufficientStorage(String message, Map<String, Object> details) {
            super(507, "insufficient_storage", message, details, null);
        }
    }

    /** 401: nobody is signed in (or the credential expired or was revoked); the mapper adds WWW-Authenticate. */
    public static final class Unauthenticated extends ApiException {
        public Unauthenticated(String message) {
            super(401, "unauthenticated", message, Map.of(), null);
        }
    }

    /** 403: signed in, but this person may not do this (never used for media they may not see: 404). */
    public static final class Forbidden extends ApiException {
        public Forbidden(String message) {
            super(403, "forbidden", message, Map.of(), null);
        }

        public Forbidden(String message, Map<String, Object> details) {
            super(403, "forbidden", message, details, null);
        }
    }

    /** 421: the request names a host this server does not answer to (a DNS rebinding page, a wrong name). */
    public static final class Misdirected extends ApiException {
        public Misdirected(String message, Map<String, Object> details) {
            super(421, "misdirected_request", message, details, null);
        }
    }

    /** 429: too many attempts; the mapper adds Retry-After from {@link #retryAfterSeconds()}. */
    public static final class TooManyRequests extends ApiException {
        private final long retryAfterSeconds;

        public TooManyRequests(String message, long retryAfterSeconds) {
            super(429, "rate_limited", message, Map.of("retryAfterSeconds", retryAfterSeconds), null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * 503: something the request needs (an organizer plugin, a password-hashing slot) cannot answer
     * now; try again later. The mapper adds Retry-After when {@link #retryAfterSeconds()} is known.
     */
    public static final class Unavailable extends ApiException {
        private final long retryAfterSeconds;

        public Unavailable(String message, Map<String, Object> details) {
            this(message, details, 0);
        }

        public Unavailable(String message, Map<String, Object> details, long retryAfterSeconds) {
            super(503, "unavailable", message, details, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** Seconds to wait before trying again, or 0 when unknown. */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
