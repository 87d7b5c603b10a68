package io.framewise.server.notifications;

import java.time.Instant;

/**
 * One e-mail or webhook delivery in the persistent outbox.
 *
 * @param channel {@code email} or {@code webhook}
 * @param webhookId the webhook it goes to, or null for e-mail
 * @param event what it tells of (a notification kind, a digest, a webhook event kind)
 * @param payload the message as JSON: for e-mail the composed mail, for a webhook the exact body
 * @param state {@code pending}, {@code sent}, or {@code failed} (given up)
 * @param lastStatus the receiver's last HTTP status (webhooks), or null
 * @param lastError why the last attempt failed, or null
 */
public record OutboxEntry(
        String id,
        String channel,
        String webhookId,
        String event,
        String payload,
        String state,
        int attempts,
        Instant nextAttempt,
        Integer lastStatus,
        String lastError,
        Instant created,
        Instant finished) {

    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";
    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
}
