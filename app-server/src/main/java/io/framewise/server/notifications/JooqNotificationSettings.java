package io.framewise.server.notifications;

import static io.framewise.server.db.generated.Tables.DIGEST_ITEMS;
import static io.framewise.server.db.generated.Tables.NOTIFICATION_ADDRESSES;
import static io.framewise.server.db.generated.Tables.NOTIFICATION_PREFERENCES;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.notifications.NotificationKind.Channel;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** People's notification settings and the notifications waiting for their digest mail. */
public final class JooqNotificationSettings {

    private final Database db;

    public JooqNotificationSettings(Database db) {
        this.db = db;
    }

    public NotificationSettings get(String userId) {
        return db.read(ctx -> {
            String email = ctx.select(NOTIFICATION_ADDRESSES.EMAIL)
                    .from(NOTIFICATION_ADDRESSES)
                    .where(NOTIFICATION_ADDRESSES.USER_ID.eq(userId))
                    .fetchOptional(NOTIFICATION_ADDRESSES.EMAIL)
                    .orElse(null);
            Map<NotificationKind, Channel> chosen = new EnumMap<>(NotificationKind.class);
            ctx.selectFrom(NOTIFICATION_PREFERENCES)
                    .where(NOTIFICATION_PREFERENCES.USER_ID.eq(userId))
                    .forEach(r -> {
                        try {
                            chosen.put(NotificationKind.fromWire(r.getKind()), Channel.fromWire(r.getChannel()));
                        } catch (IllegalArgumentException e) {
                            // A kind or channel a later version dropped: its default applies.
                        }
                    });
            return new NotificationSettings(email, chosen);
        });
    }

    /**
     * Stores {@code channels} over the person's earlier choices (kinds left out keep theirs) and, when
     * {@code setEmail}, the address (null removes it).
     */
    public NotificationSettings put(
            String userId, boolean setEmail, String email, Map<NotificationKind, Channel> channels) {
        db.write(ctx -> {
            if (setEmail) {
                ctx.insertInto(NOTIFICATION_ADDRESSES)
                        .set(NOTIFICATION_ADDRESSES.USER_ID, userId)
                        .set(NOTIFICATION_ADDRESSES.EMAIL, email)
                        .set(NOTIFICATION_ADDRESSES.UPDATED_AT, db.nowMillis())
                        .onConflict(NOTIFICATION_ADDRESSES.USER_ID)
                        .doUpdate()
                        .set(NOTIFICATION_ADDRESSES.EMAIL, email)
                        .set(NOTIFICATION_ADDRESSES.UPDATED_AT, db.nowMillis())
                        .execute();
            }
            channels.forEach((kind, channel) -> ctx.insertInto(NOTIFICATION_PREFERENCES)
                    .set(NOTIFICATION_PREFERENCES.USER_ID, userId)
                    .set(NOTIFICATION_PREFERENCES.KIND, kind.wire())
                    .set(NOTIFICATION_PREFERENCES.CHANNEL, channel.wire())
                    .onConflict(NOTIFICATION_PREFERENCES.USER_ID, NOTIFICATION_PREFERENCES.KIND)
                    .doUpdate()
                    .set(NOTIFICATION_PREFERENCES.CHANNEL, channel.wire())
                    .execute());
            return null;
        });
        return get(userId);
    }

    /** Keeps a notification for the person's next digest, due at {@code dueAt} (epoch millis). */
    public void addDigestItem(String userId, String notificationId, Channel every, long dueAt) {
        db.write(ctx -> ctx.insertInto(DIGEST_ITEMS)
                .set(DIGEST_ITEMS.ID, Ids.newId())
                .set(DIGEST_ITEMS.USER_ID, userId)
                .set(DIGEST_ITEMS.NOTIFICATION_ID, notificationId)
                .set(DIGEST_ITEMS.EVERY, every.wire())
                .set(DIGEST_ITEMS.DUE_AT, dueAt)
                .set(DIGEST_ITEMS.CREATED_AT, db.nowMillis())
                .execute());
    }

    /**
     * Takes every digest item due by {@code now} off the list, in the caller's transaction: the
     * notification ids per person, oldest first.
     */
    public Map<String, List<String>> takeDue(long now) {
        return db.write(ctx -> {
            Map<String, List<String>> due = new LinkedHashMap<>();
            List<String> taken = new java.util.ArrayList<>();
            var items = ctx.selectFrom(DIGEST_ITEMS)
                    .where(DIGEST_ITEMS.DUE_AT.le(now))
                    .orderBy(DIGEST_ITEMS.USER_ID, DIGEST_ITEMS.CREATED_AT, DIGEST_ITEMS.ID);
            // Several nodes may send digests: each takes the items no other node has locked.
            db.claim(items).forEach(r -> {
                taken.add(r.getId());
                due.computeIfAbsent(r.getUserId(), k -> new java.util.ArrayList<>())
                        .add(r.getNotificationId());
            });
            ctx.deleteFrom(DIGEST_ITEMS).where(DIGEST_ITEMS.ID.in(taken)).execute();
            return due;
        });
    }
}
