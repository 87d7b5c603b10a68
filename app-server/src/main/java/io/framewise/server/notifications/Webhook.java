package io.framewise.server.notifications;

import java.time.Instant;
import java.util.Set;

/**
 * A URL that hears of events.
 *
 * @param projectId the project whose events it hears, or null for every project (admins only)
 * @param kinds the event kinds it wants ({@link WebhookEvents#KINDS})
 * @param secret the key that signs each delivery
 */
public record Webhook(
        String id, String url, String secret, String projectId, Set<String> kinds, String createdBy, Instant created) {}
