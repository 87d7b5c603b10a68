package io.framewise.server.notifications;

import io.framewise.server.db.Database;
import io.framewise.server.library.Asset;
import io.framewise.server.library.AssetRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The daily reminder of review requests past their due date: one mail per person a day, listing all
 * of theirs that are overdue and unanswered (unless they turned review requests off).
 */
public final class OverdueMail {

    private final Database db;
    private final JooqReviewRequests requests;
    private final JooqNotificationSettings settings;
    private final JooqOutbox outbox;
    private final AssetRepository assets;
    private final PeopleNotifier notifier;

    public OverdueMail(
            Database db,
            JooqReviewRequests requests,
            JooqNotificationSettings settings,
            JooqOutbox outbox,
            AssetRepository assets,
            PeopleNotifier notifier) {
        this.db = db;
        this.requests = requests;
        this.settings = settings;
        this.outbox = outbox;
        this.assets = assets;
        this.notifier = notifier;
    }

    /** Queues today's reminders that have not gone out yet. */
    public void remind(LocalDate today) {
        db.write(ctx -> {
            for (Map.Entry<String, List<ReviewRequest>> e :
                    requests.takeOverdue(today).entrySet()) {
                NotificationSettings chosen = settings.get(e.getKey());
                if (chosen.email() == null
                        || chosen.channel(NotificationKind.REVIEW_REQUEST) == NotificationKind.Channel.OFF) {
                    continue;
                }
                outbox.add(
                        OutboxEntry.EMAIL,
                        null,
                        "review_request.overdue",
                        notifier.toJson(mail(chosen.email(), e.getValue())));
            }
            return null;
        });
    }

    private Mail mail(String to, List<ReviewRequest> overdue) {
        StringBuilder text = new StringBuilder("These reviews are overdue:\n\n");
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">"
                + "<p>These reviews are overdue:</p><ul>");
        for (ReviewRequest r : overdue) {
            String title = assets.get(r.assetId()).map(Asset::title).orElse("an asset");
            String link = notifier.link(r.assetId(), null);
            String line = title + " (due " + r.due() + ")" + (r.message().isBlank() ? "" : ": " + r.message());
            text.append("- ").append(line).append("\n  ").append(link).append('\n');
            html.append("<li><a href=\"")
                    .append(MailText.html(link))
                    .append("\">")
                    .append(MailText.html(line))
                    .append("</a></li>");
        }
        html.append("</ul>");
        notifier.footer(text, html);
        return new Mail(
                to,
                MailText.subject(
                        "[Framewise] " + overdue.size() + " overdue review" + (overdue.size() == 1 ? "" : "s")),
                text.toString(),
                html.toString(),
                null,
                null,
                null,
                notifier.settingsLink());
    }
}
