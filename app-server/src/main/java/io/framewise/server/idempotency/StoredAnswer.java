package io.framewise.server.idempotency;

import java.time.Instant;

/**
 * A remembered answer as the table holds it.
 *
 * @param fingerprint the request's HMAC under the key (see {@link IdempotencyKey#fingerprint})
 * @param status the HTTP status it was answered with (2xx)
 * @param sealed the headers and body, sealed under the key (see {@link IdempotencyKey#seal})
 * @param created when the first request was answered; the key counts for 24 hours from then
 */
public record StoredAnswer(String fingerprint, int status, String sealed, Instant created) {}
