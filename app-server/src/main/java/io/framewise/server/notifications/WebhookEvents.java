package io.framewise.server.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.http.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Events for webhooks: each one a JSON body with a schema version, put into the outbox once per
 * webhook that listens, and signed when sent ({@link #signature}).
 */
public final class WebhookEvents {

    /** The version of the delivery body; raised when a field changes meaning or goes away. */
    public static final int SCHEMA = 1;

    /** The event kinds a webhook may listen to. */
    public static final List<String> KINDS = List.of(
            "note.created",
            "approval.changed",
            "review_request.created",
            "share.opened",
            "media.ready",
            "media.failed");

    public static final String SIGNATURE_HEADER = "X-Framewise-Signature";
    public static final String TIMESTAMP_HEADER = "X-Framewise-Timestamp";
    public static final String EVENT_HEADER = "X-Framewise-Event";
    public static final String DELIVERY_HEADER = "X-Framewise-Delivery";

    private final Database db;
    private final JooqWebhooks webhooks;
    private final JooqOutbox outbox;
    private final ObjectMapper json = Json.newMapper();

    public WebhookEvents(Database db, JooqWebhooks webhooks, JooqOutbox outbox) {
        this.db = db;
        this.webhooks = webhooks;
        this.outbox = outbox;
    }

    /** Queues a delivery of {@code kind} with {@code data} to every webhook of {@code projectId} that wants it. */
    public void publish(String kind, String projectId, Map<String, ?> data) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("not a webhook event kind: " + kind);
        }
        List<Webhook> listening = webhooks.listening(kind, projectId);
        if (listening.isEmpty()) {
            return;
        }
        String occurred = Instant.ofEpochMilli(db.nowMillis()).toString();
        db.write(ctx -> {
            for (Webhook w : listening) {
                String id = Ids.newId();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("schema", SCHEMA);
                body.put("id", id);
                body.put("event", kind);
                body.put("occurredAt", occurred);
                body.put("projectId", projectId);
                body.put("data", data);
                outbox.add(id, OutboxEntry.WEBHOOK, w.id(), kind, toJson(body));
            }
            return null;
        });
    }

    /**
     * {@code sha256=} and the hex HMAC-SHA256, keyed with the webhook's secret, of the timestamp (Unix
     * seconds, as sent in {@value #TIMESTAMP_HEADER}), a dot, and the exact body bytes.
     */
    public static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private String toJson(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a webhook event must be JSON: " + e.getOriginalMessage(), e);
        }
    }
}
