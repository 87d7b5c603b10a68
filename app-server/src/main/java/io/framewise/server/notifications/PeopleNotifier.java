package io.framewise.server.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.db.Database;
import io.framewise.server.http.Json;
import io.framewise.server.notifications.NotificationKind.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Tells a person of something the way they chose for its kind: in the app, and by mail at once or
 * in their next digest, or not at all. The in-app entry, the outbox mail and the digest entry are
 * stored in one transaction; the mail leaves later from the outbox ({@link OutboxDispatcher}).
 */
public final class PeopleNotifier {

    private final Database db;
    private final NotificationRepository notifications;
    private final JooqNotificationSettings settings;
    private final JooqOutbox outbox;
    private final Supplier<String> publicUrl;
    private final boolean mailOn;
    private final ObjectMapper json = Json.newMapper();

    /**
     * @param publicUrl the address people open the web UI at, without a trailing slash
     * @param mailOn whether the server can send mail ({@code --smtp}); without it nothing is mailed
     */
    public PeopleNotifier(
            Database db,
            NotificationRepository notifications,
            JooqNotificationSettings settings,
            JooqOutbox outbox,
            Supplier<String> publicUrl,
            boolean mailOn) {
        this.mailOn = mailOn;
        this.db = Objects.requireNonNull(db, "db");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
    }

    /**
     * Tells {@code told.userId()}; {@code quote} is the note's text for the mail, or null.
     *
     * @return the in-app notification's id, or null when the person turned this kind off
     */
    public String tell(Told told, String quote) {
        NotificationSettings chosen = settings.get(told.userId());
        Channel channel = chosen.channel(told.kind());
        if (channel == Channel.OFF) {
            return null;
        }
        return db.write(ctx -> {
            String id = notifications.tell(told);
            if (mailOn && chosen.email() != null) {
                switch (channel) {
                    case EMAIL -> outbox.add(
                            OutboxEntry.EMAIL, null, told.kind().wire(), toJson(compose(chosen.email(), told, quote)));
                    case DIGEST_HOURLY, DIGEST_DAILY -> settings.addDigestItem(
                            told.userId(), id, channel, dueAt(channel, Instant.ofEpochMilli(db.nowMillis())));
                    default -> {}
                }
            }
            return id;
        });
    }

    /**
     * Whether a "note on your media" would repeat one still unread from the last ten minutes: an EDL
     * import or a burst of notes tells the uploader once, not once a note.
     */
    public boolean repeatsUnreadNote(String userId, String mediaId) {
        return notifications.unreadSince(
                userId,
                NotificationKind.NOTE.wire(),
                mediaId,
                db.nowMillis() - Duration.ofMinutes(10).toMillis());
    }

    /** The end of the hour or the UTC day that {@code now} is in: when the digest of what comes now goes out. */
    static long dueAt(Channel every, Instant now) {
        Instant start = every == Channel.DIGEST_HOURLY
                ? now.truncatedTo(ChronoUnit.HOURS)
                : now.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        return start.plus(every == Channel.DIGEST_HOURLY ? Duration.ofHours(1) : Duration.ofDays(1))
                .toEpochMilli();
    }

    /** The address of the review page at the frame, or the web UI's own address when there is no asset. */
    public String link(String assetId, Long frame) {
        String base = publicUrl.get();
        if (assetId == null) {
            return base + "/";
        }
        return base + "/review/" + assetId + (frame == null ? "" : "?frame=" + frame);
    }

    /** Where a person changes which mails they get: their account page's notification settings. */
    public String settingsLink() {
        return publicUrl.get() + "/account#notifications";
    }

    /**
     * Ends a mail with why it came and a link to stop it, in both parts, and closes the HTML; every
     * mail the server sends ends this way.
     */
    void footer(StringBuilder text, StringBuilder html) {
        String why = "You get this mail because of your notification settings in Framewise.";
        String change = "Change or turn off these mails: ";
        text.append("\n-- \n")
                .append(why)
                .append('\n')
                .append(change)
                .append(settingsLink())
                .append('\n');
        html.append("<p style=\"color:#777;font-size:small\">")
                .append(why)
                .append(" <a href=\"")
                .append(MailText.html(settingsLink()))
                .append("\">Change or turn off these mails</a>.</p></body></html>");
    }

    Mail compose(String to, Told told, String quote) {
        String link = link(told.assetId(), told.frame());
        boolean still = told.mediaId() != null && told.frame() != null;
        StringBuilder text = new StringBuilder(told.text()).append("\n\n");
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">")
                .append("<p>")
                .append(MailText.html(told.text()))
                .append("</p>");
        if (quote != null && !quote.isBlank()) {
            text.append("> ").append(quote.strip().replace("\n", "\n> ")).append("\n\n");
            html.append("<blockquote style=\"border-left:3px solid #999;margin:0;padding-left:8px\">")
                    .append(MailText.html(quote.strip()).replace("\n", "<br>"))
                    .append("</blockquote>");
        }
        if (still) {
            html.append("<p><a href=\"")
                    .append(MailText.html(link))
                    .append("\"><img src=\"cid:")
                    .append(Mail.STILL_CID)
                    .append("\" alt=\"Frame ")
                    .append(told.frame())
                    .append("\" style=\"max-width:640px\"></a></p>");
        }
        String open = told.frame() == null ? "Open it: " : "Open it at frame " + told.frame() + ": ";
        text.append(open).append(link).append('\n');
        html.append("<p><a href=\"")
                .append(MailText.html(link))
                .append("\">")
                .append(MailText.html(open.substring(0, open.length() - 2)))
                .append("</a></p>");
        footer(text, html);
        return new Mail(
                to,
                MailText.subject("[Framewise] " + told.text()),
                text.toString(),
                html.toString(),
                still ? told.mediaId() : null,
                still ? told.frame() : null,
                still ? told.noteId() : null,
                settingsLink());
    }

    /** One mail with several notifications, oldest first. */
    Mail digest(String to, List<Notification> items) {
        StringBuilder text = new StringBuilder("What happened in Framewise since the last digest:\n\n");
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">")
                .append("<p>What happened in Framewise since the last digest:</p><ul>");
        for (Notification n : items) {
            String link = link(n.assetId(), n.frame());
            text.append("- ").append(n.text()).append("\n  ").append(link).append('\n');
            html.append("<li><a href=\"")
                    .append(MailText.html(link))
                    .append("\">")
                    .append(MailText.html(n.text()))
                    .append("</a></li>");
        }
        html.append("</ul>");
        footer(text, html);
        return new Mail(
                to,
                MailText.subject("[Framewise] " + items.size() + " notification" + (items.size() == 1 ? "" : "s")),
                text.toString(),
                html.toString(),
                null,
                null,
                null,
                settingsLink());
    }

    String toJson(Mail mail) {
        try {
            return json.writeValueAsString(mail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mail is always JSON", e);
        }
    }

    Mail fromJson(String payload) {
        try {
            return json.readValue(payload, Mail.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox mail that is not a mail: " + e.getOriginalMessage(), e);
        }
    }
}
