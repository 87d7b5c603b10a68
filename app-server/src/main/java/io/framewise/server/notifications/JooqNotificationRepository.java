package io.framewise.server.notifications;

import static io.framewise.server.db.generated.Tables.NOTIFICATIONS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.NotificationsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link NotificationRepository} on the {@code notifications} table. */
public final class JooqNotificationRepository implements NotificationRepository {

    /** The source of what the server itself tells people. */
    static final String SOURCE = "framewise";

    private final Database db;

    public JooqNotificationRepository(Database db) {
        this.db = db;
    }

    @Override
    public List<String> post(List<String> userIds, String text, String subjectType, String subjectId, String source) {
        return db.write(ctx -> {
            List<String> ids = new ArrayList<>();
            long now = db.nowMillis();
            for (String userId : userIds) {
                String id = Ids.newId();
                ctx.insertInto(NOTIFICATIONS)
                        .set(NOTIFICATIONS.ID, id)
                        .set(NOTIFICATIONS.USER_ID, userId)
                        .set(NOTIFICATIONS.BODY, text)
                        .set(NOTIFICATIONS.SUBJECT_TYPE, subjectType)
                        .set(NOTIFICATIONS.SUBJECT_ID, subjectId)
                        .set(NOTIFICATIONS.SOURCE, source)
                        .set(NOTIFICATIONS.KIND, Notification.ORGANIZER)
                        .set(NOTIFICATIONS.CREATED_AT, now)
                        .execute();
                ids.add(id);
            }
            return ids;
        });
    }

    @Override
    public String tell(Told told) {
        return db.write(ctx -> {
            String id = Ids.newId();
            ctx.insertInto(NOTIFICATIONS)
                    .set(NOTIFICATIONS.ID, id)
                    .set(NOTIFICATIONS.USER_ID, told.userId())
                    .set(NOTIFICATIONS.BODY, told.text())
                    .set(NOTIFICATIONS.SUBJECT_TYPE, told.subjectType())
                    .set(NOTIFICATIONS.SUBJECT_ID, told.subjectId())
                    .set(NOTIFICATIONS.SOURCE, SOURCE)
                    .set(NOTIFICATIONS.KIND, told.kind().wire())
                    .set(NOTIFICATIONS.MEDIA_ID, told.mediaId())
                    .set(NOTIFICATIONS.ASSET_ID, told.assetId())
                    .set(NOTIFICATIONS.FRAME, told.frame())
                    .set(NOTIFICATIONS.ACTOR_ID, told.actorId())
                    .set(NOTIFICATIONS.CREATED_AT, db.nowMillis())
                    .execute();
            return id;
        });
    }

    @Override
    public boolean unreadSince(String userId, String kind, String mediaId, long sinceMillis) {
        return db.read(ctx -> ctx.fetchExists(ctx.selectOne()
                .from(NOTIFICATIONS)
                .where(NOTIFICATIONS.USER_ID.eq(userId))
                .and(NOTIFICATIONS.KIND.eq(kind))
                .and(NOTIFICATIONS.MEDIA_ID.eq(mediaId))
                .and(NOTIFICATIONS.READ_AT.isNull())
                .and(NOTIFICATIONS.CREATED_AT.ge(sinceMillis))));
    }

    @Override
    public java.util.Optional<Notification> get(String id) {
        return db.read(ctx -> ctx.selectFrom(NOTIFICATIONS)
                .where(NOTIFICATIONS.ID.eq(id))
                .fetchOptional(JooqNotificationRepository::toNotification));
    }

    @Override
    public boolean markRead(String userId, String id) {
        return db.write(ctx -> {
                    int mine = ctx.fetchCount(
                            NOTIFICATIONS, NOTIFICATIONS.ID.eq(id).and(NOTIFICATIONS.USER_ID.eq(userId)));
                    ctx.update(NOTIFICATIONS)
                            .set(NOTIFICATIONS.READ_AT, db.nowMillis())
                            .where(NOTIFICATIONS.ID.eq(id))
                            .and(NOTIFICATIONS.USER_ID.eq(userId))
                            .and(NOTIFICATIONS.READ_AT.isNull())
                            .execute();
                    return mine;
                })
                == 1;
    }

    @Override
    public List<Notification> forUser(String userId, int limit) {
        return db.read(ctx -> ctx.selectFrom(NOTIFICATIONS)
                .where(NOTIFICATIONS.USER_ID.eq(userId))
                .orderBy(NOTIFICATIONS.CREATED_AT.desc(), NOTIFICATIONS.ID.desc())
                .limit(limit)
                .fetch(JooqNotificationRepository::toNotification));
    }

    private static Notification toNotification(NotificationsRecord r) {
        return new Notification(
                r.getId(),
                r.getUserId(),
                r.getKind(),
                r.getBody(),
                r.getSubjectType(),
                r.getSubjectId(),
                r.getSource(),
                r.getMediaId(),
                r.getAssetId(),
                r.getFrame(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                r.getReadAt() == null ? null : Instant.ofEpochMilli(r.getReadAt()));
    }
}
