package io.framewise.server.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Database;
import io.framewise.server.notifications.JooqNotificationRepository;
import io.framewise.server.notifications.NotificationKind;
import io.framewise.server.notifications.Told;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home page's "Mentions and replies to me" on a real SQLite file: only the person's own mention
 * and reply notifications count (not notes on their media, approvals or organizer messages), newest
 * first, each with the asset and frame its link opens.
 */
class HomeMentionsTest {

    @Test
    void onlyMyMentionsAndRepliesCountWithTheFrameTheyPointAt(@TempDir Path data) {
        try (Database db = Database.open(data)) {
            JooqAccountRepository accounts = new JooqAccountRepository(db, new PasswordHasher());
            String me = accounts.create("me", "a long password", false).id();
            String other = accounts.create("other", "a long password", false).id();
            JooqNotificationRepository notifications = new JooqNotificationRepository(db);
            notifications.tell(told(NotificationKind.MENTION, me, "Ana mentioned you", "a1", 12L));
            notifications.tell(told(NotificationKind.NOTE, me, "A note on your upload", "a1", 3L));
            notifications.tell(told(NotificationKind.APPROVAL, me, "Approved", "a1", null));
            notifications.post(List.of(me), "An organizer says hello", "asset", "a1", "organizer");
            notifications.tell(told(NotificationKind.MENTION, other, "Not yours", "a2", 5L));
            notifications.tell(told(NotificationKind.REPLY, me, "Bo replied", "a2", 40L));

            List<JooqHomeRepository.Mention> mentions = new JooqHomeRepository(db).mentions(me, 10);

            assertEquals(
                    List.of("mention", "reply"),
                    mentions.stream()
                            .map(JooqHomeRepository.Mention::kind)
                            .sorted()
                            .toList());
            JooqHomeRepository.Mention mention = mentions.stream()
                    .filter(m -> m.kind().equals("mention"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("Ana mentioned you", mention.text());
            assertEquals("a1", mention.assetId());
            assertEquals(12L, mention.frame());
            assertNull(mention.read());
            assertEquals(1, new JooqHomeRepository(db).mentions(me, 1).size());
        }
    }

    private static Told told(NotificationKind kind, String userId, String text, String assetId, Long frame) {
        return new Told(kind, userId, null, text, null, assetId, frame, null, "note", "n-" + text.length());
    }
}
