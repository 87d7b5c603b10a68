package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock();
    private Database db;
    private SessionStore sessions;
    private String alice;
    private String bob;

    @BeforeEach
    void open() {
        db = Database.open(data, clock);
        sessions = new SessionStore(db, Duration.ofHours(1), Duration.ofHours(5));
        AccountRepository accounts = new JooqAccountRepository(db, new PasswordHasher(64, 1));
        alice = accounts.create("alice", "a long enough password", false).id();
        bob = accounts.create("bob", "a long enough password", false).id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSessionIsFoundByItsTokenAndChecksItsCsrfToken() {
        NewSession s = sessions.create(alice);
        assertNotEquals(s.token(), s.csrfToken());
        assertEquals(Secrets.hash(s.token()), s.session().id(), "only the hash is the row's id");
        assertEquals(s.session(), sessions.find(s.token()).orElseThrow());
        assertEquals(clock.instant().plus(Duration.ofHours(5)), s.session().expires());
        assertTrue(sessions.csrfMatches(s.token(), s.csrfToken()));
        assertFalse(sessions.csrfMatches(s.token(), s.token()));
        assertFalse(sessions.csrfMatches(s.token(), null));
        assertFalse(sessions.csrfMatches(s.csrfToken(), s.csrfToken()), "the CSRF token is not a session token");
        assertTrue(sessions.find(s.csrfToken()).isEmpty());
        assertTrue(sessions.find("not a token").isEmpty());
    }

    @Test
    void idleSessionsExpireAndActivityKeepsThemAlive() {
        NewSession s = sessions.create(alice);
        clock.advance(Duration.ofMinutes(50));
        assertEquals(clock.instant(), sessions.touch(s.token()).orElseThrow().lastSeen());
        clock.advance(Duration.ofMinutes(50));
        assertTrue(sessions.find(s.token()).isPresent(), "touched 50 minutes ago: still alive");
        clock.advance(Duration.ofMinutes(10));
        assertTrue(sessions.find(s.token()).isEmpty(), "idle for an hour");
        assertTrue(sessions.touch(s.token()).isEmpty(), "an expired session cannot be revived");
        assertFalse(sessions.csrfMatches(s.token(), s.csrfToken()));
    }

    @Test
    void activeSessionsStillEndAtTheAbsoluteLimit() {
        NewSession s = sessions.create(alice);
        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofMinutes(30));
            assertTrue(sessions.touch(s.token()).isPresent(), "after " + (i + 1) * 30 + " min");
        }
        clock.advance(Duration.ofMinutes(30));
        assertTrue(sessions.touch(s.token()).isEmpty(), "five hours after login");
        assertEquals(1, sessions.purgeEnded());
    }

    @Test
    void logoutAndRevokeAllEndSessions() {
        NewSession a1 = sessions.create(alice);
        NewSession a2 = sessions.create(alice);
        NewSession b1 = sessions.create(bob);
        assertEquals(2, sessions.listByUser(alice).size());

        assertTrue(sessions.revoke(a1.token()));
        assertFalse(sessions.revoke(a1.token()), "already ended");
        assertTrue(sessions.find(a1.token()).isEmpty());
        assertTrue(sessions.find(a2.token()).isPresent());

        sessions.create(alice);
        assertEquals(2, sessions.revokeAll(alice));
        assertTrue(sessions.find(a2.token()).isEmpty());
        assertTrue(sessions.listByUser(alice).isEmpty());
        assertTrue(sessions.find(b1.token()).isPresent(), "other users keep their sessions");
        assertTrue(sessions.revokeById(b1.session().id()));
        assertTrue(sessions.find(b1.token()).isEmpty());
    }
}
