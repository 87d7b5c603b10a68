package io.framewise.server.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.auth.AccountRepository;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Database;
import io.framewise.server.db.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notification rules without HTTP, on a real database. */
class NotificationServiceTest {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock();
    private Database db;
    private NotificationService notifications;
    private String alice;
    private String bob;

    @BeforeEach
    void open() {
        db = Database.open(data, clock);
        AccountRepository accounts = new JooqAccountRepository(db, new PasswordHasher(64, 1));
        notifications = new NotificationService(new JooqNotificationRepository(db), accounts);
        alice = accounts.create("alice", "a long enough password", false).id();
        bob = accounts.create("bob", "a long enough password", false).id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void eachUserGetsOneAndReadsOnlyTheirOwn() {
        List<String> ids =
                notifications.post(List.of(alice, bob, alice), "  Shot 4 is ready ", "asset", "a1", "folders");
        assertEquals(2, ids.size(), "duplicates are notified once");
        Notification mine = notifications.forUser(alice, 10).get(0);
        assertEquals("Shot 4 is ready", mine.text());
        assertEquals("asset", mine.subjectType());
        assertEquals("folders", mine.source());
        assertNull(mine.read());

        assertFalse(notifications.markRead(bob, mine.id()), "bob cannot mark alice's");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(notifications.markRead(alice, mine.id()));
        Notification read = notifications.forUser(alice, 10).get(0);
        assertNotNull(read.read());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(notifications.markRead(alice, mine.id()), "marking again is fine");
        assertEquals(read.read(), notifications.forUser(alice, 10).get(0).read(), "and keeps the first time");
    }

    @Test
    void badPostsStoreNothing() {
        assertThrows(IllegalArgumentException.class, () -> notifications.post(List.of(alice), "   ", null, null, "x"));
        assertThrows(
                IllegalArgumentException.class,
                () -> notifications.post(List.of(alice), "x".repeat(1001), null, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> notifications.post(List.of(), "hello", null, null, "x"));
        assertThrows(
                IllegalArgumentException.class,
                () -> notifications.post(Collections.nCopies(1001, alice), "hello", null, null, "x"));
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> notifications.post(List.of(alice, "0000000000000000000000"), "hello", null, null, "x"));
        assertTrue(unknown.getMessage().startsWith("no such user: "), unknown.getMessage());
        assertTrue(notifications.forUser(alice, 10).isEmpty());
    }
}
