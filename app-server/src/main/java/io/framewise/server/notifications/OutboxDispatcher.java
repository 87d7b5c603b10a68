package io.framewise.server.notifications;

import io.framewise.server.db.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that empties the outbox: every tick it turns due digests and overdue review
 * requests into mails, then sends what is due. A failed attempt is tried again after 15 s, 30 s,
 * 1 min... doubling up to an hour, and given up after {@link #MAX_ATTEMPTS}. Due times follow the
 * database clock, so tests move time instead of waiting.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    static final int MAX_ATTEMPTS = 12;
    static final Duration FIRST_RETRY = Duration.ofSeconds(15);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    /** How long a node holds a message it is sending before another may try it (a node that died). */
    static final long SEND_LEASE_MILLIS = Duration.ofMinutes(5).toMillis();

    private final Database db;
    private final JooqOutbox outbox;
    private final JooqNotificationSettings settings;
    private final JooqWebhooks webhooks;
    private final NotificationRepository notifications;
    private final PeopleNotifier notifier;
    private final SmtpMailer mailer;
    private final MailStills stills;
    private final OverdueMail overdue;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framewise-outbox");
        t.setDaemon(true);
        return t;
    });

    /** @param mailer null when the server has no {@code --smtp}: then mails are not made at all */
    public OutboxDispatcher(
            Database db,
            JooqOutbox outbox,
            JooqNotificationSettings settings,
            JooqWebhooks webhooks,
            NotificationRepository notifications,
            PeopleNotifier notifier,
            SmtpMailer mailer,
            MailStills stills,
            OverdueMail overdue) {
        this.db = db;
        this.outbox = outbox;
        this.settings = settings;
        this.webhooks = webhooks;
        this.notifications = notifications;
        this.notifier = notifier;
        this.mailer = mailer;
        this.stills = stills;
        this.overdue = overdue;
    }

    /** Starts ticking every {@code period}. */
    public void start(Duration period) {
        thread.scheduleWithFixedDelay(this::tickQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("The outbox tick failed; trying again next tick", e);
        }
    }

    void tick() {
        long now = db.nowMillis();
        if (mailer != null) {
            digests(now);
            overdue.remind(LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC));
        }
        for (OutboxEntry entry : outbox.claimDue(now, 25, SEND_LEASE_MILLIS)) {
            deliver(entry);
        }
    }

    private void digests(long now) {
        db.write(ctx -> {
            for (Map.Entry<String, List<String>> due : settings.takeDue(now).entrySet()) {
                String email = settings.get(due.getKey()).email();
                List<Notification> items = new ArrayList<>();
                due.getValue().forEach(id -> notifications.get(id).ifPresent(items::add));
                if (email != null && !items.isEmpty()) {
                    outbox.add(OutboxEntry.EMAIL, null, "digest", notifier.toJson(notifier.digest(email, items)));
                }
            }
            return null;
        });
    }

    private void deliver(OutboxEntry entry) {
        Integer status = null;
        try {
            if (entry.channel().equals(OutboxEntry.EMAIL)) {
                if (mailer == null) {
                    return;
                }
                Mail mail = notifier.fromJson(entry.payload());
                byte[] still = mail.stillMediaId() == null
                        ? null
                        : stills.render(mail.stillMediaId(), mail.stillFrame(), mail.stillNoteId());
                mailer.send(mail, still);
            } else {
                Optional<Webhook> hook = webhooks.get(entry.webhookId());
                if (hook.isEmpty()) {
                    return; // Deleted since; its deliveries went with it.
                }
                status = post(hook.get(), entry);
                if (status < 200 || status > 299) {
                    throw new IllegalStateException("the receiver answered HTTP " + status);
                }
            }
            outbox.sent(entry.id(), status);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            int attempts = entry.attempts() + 1;
            Long next = attempts >= MAX_ATTEMPTS
                    ? null
                    : db.nowMillis() + backoff(attempts).toMillis();
            LOG.info("Sending {} {} failed (attempt {}): {}", entry.channel(), entry.id(), attempts, e.toString());
            outbox.failed(entry.id(), status, e.getMessage() == null ? e.toString() : e.getMessage(), next);
        }
    }

    private int post(Webhook hook, OutboxEntry entry) throws Exception {
        byte[] body = entry.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = db.nowMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Framewise-Webhook/" + WebhookEvents.SCHEMA)
                .header(WebhookEvents.EVENT_HEADER, entry.event())
                .header(WebhookEvents.DELIVERY_HEADER, entry.id())
                .header(WebhookEvents.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(WebhookEvents.SIGNATURE_HEADER, WebhookEvents.signature(hook.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The wait after the {@code attempts}-th failure: 15 s doubling, at most an hour. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
