package io.framewise.server.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Database;
import io.framewise.server.notifications.JooqNotificationRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home page's "Mentions and replies" read the notifications table through one seam that works
 * with and without its {@code kind} column (added by the notifications work): on a real SQLite file.
 */
class HomeMentionsTest {

    @Test
    void withoutKindsNotificationsAboutNotesCount(@TempDir Path data) {
        try (Database db = Database.open(data)) {
            String me = new JooqAccountRepository(db, new PasswordHasher())
                    .create("me", "a long password", false)
                    .id();
            JooqNotificationRepository notifications = new JooqNotificationRepository(db);
            notifications.post(List.of(me), "Ana mentioned you", "note", "n1", "server");
            notifications.post(List.of(me), "Asset approved", "asset", "a1", "organizer");
            List<JooqHomeRepository.Mention> mentions = new JooqHomeRepository(db).mentions(me, 10);
            assertEquals(1, mentions.size());
            assertEquals("Ana mentioned you", mentions.get(0).text());
            assertEquals("n1", mentions.get(0).subjectId());
        }
    }

    @Test
    void withKindsOnlyMentionsAndRepliesCount(@TempDir Path data) {
        try (Database db = Database.open(data)) {
            String me = new JooqAccountRepository(db, new PasswordHasher())
                    .create("me", "a long password", false)
                    .id();
            String other = new JooqAccountRepository(db, new PasswordHasher())
                    .create("other", "a long password", false)
                    .id();
            db.write(ctx -> ctx.execute("alter table notifications add column kind text"));
            JooqNotificationRepository notifications = new JooqNotificationRepository(db);
            String mention = notifications
                    .post(List.of(me), "Ana mentioned you", "note", "n1", "server")
                    .get(0);
            String reply = notifications
                    .post(List.of(me), "Bo replied", "note", "n2", "server")
                    .get(0);
            String approval = notifications
                    .post(List.of(me), "Approved", "note", "n3", "server")
                    .get(0);
            notifications.post(List.of(other), "Not yours", "note", "n4", "server");
            db.write(ctx -> ctx.execute("update notifications set kind = 'mention' where id = ?", mention)
                    + ctx.execute("update notifications set kind = 'reply' where id = ?", reply)
                    + ctx.execute("update notifications set kind = 'approval' where id = ?", approval));
            List<JooqHomeRepository.Mention> mentions = new JooqHomeRepository(db).mentions(me, 10);
            assertEquals(
                    List.of("mention", "reply"),
                    mentions.stream()
                            .map(JooqHomeRepository.Mention::kind)
                            .sorted()
                            .toList());
        }
    }
}
