package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginRateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final LoginRateLimiter limiter = new LoginRateLimiter(clock);

    /** What a login endpoint does: ask the limiter, then check the password, then tell the limiter. */
    private static Optional<LoginRateLimiter.Refusal> login(
            LoginRateLimiter limiter, AccountRepository accounts, String name, String password, String address) {
        Optional<LoginRateLimiter.Refusal> refusal = limiter.check(name, address);
        if (refusal.isPresent()) {
            return refusal;
        }
        if (accounts.authenticate(name, password).isPresent()) {
            limiter.succeeded(name, address);
        } else {
            limiter.failed(name, address);
        }
        return Optional.empty();
    }

    @Test
    void theEleventhWrongPasswordIsRefusedAndTheRightOneWorksAfterTheWindow(@TempDir Path data) {
        try (Database db = Database.open(data, clock)) {
            AccountRepository accounts = new JooqAccountRepository(db, new PasswordHasher(64, 1));
            accounts.create("alice", "the right password", false);
            for (int i = 1; i <= 10; i++) {
                assertTrue(login(limiter, accounts, "alice", "guess number " + i, "10.0.0." + i)
                        .isEmpty());
                clock.advance(Duration.ofSeconds(10));
            }
            // 100 s after the first failure: it leaves the 15-minute window in 800 s.
            LoginRateLimiter.Refusal refusal = login(limiter, accounts, "ALICE", "guess number 11", "10.0.0.99")
                    .orElseThrow();
            assertEquals(800, refusal.retryAfterSeconds());
            assertEquals("too many failed logins; try again in 800 s", refusal.message());
            assertTrue(
                    login(limiter, accounts, "alice", "the right password", "10.0.0.99")
                            .isPresent(),
                    "even the right password waits");

            clock.advance(Duration.ofSeconds(799));
            assertEquals(1, limiter.check("alice", "10.0.0.99").orElseThrow().retryAfterSeconds());
            clock.advance(Duration.ofSeconds(1));
            assertTrue(login(limiter, accounts, "alice", "the right password", "10.0.0.99")
                    .isEmpty());
            assertTrue(limiter.check("alice", "10.0.0.1").isEmpty(), "success cleared the account's failures");
        }
    }

    @Test
    void oneAddressGuessingAtManyAccountsIsStoppedToo() {
        for (int i = 0; i < LoginRateLimiter.DEFAULT_PER_ADDRESS; i++) {
            assertTrue(limiter.check("user" + i, "192.0.2.7").isEmpty());
            limiter.failed("user" + i, "192.0.2.7");
        }
        LoginRateLimiter.Refusal refusal =
                limiter.check("someone-else", "192.0.2.7").orElseThrow();
        assertEquals(15 * 60, refusal.retryAfterSeconds());
        assertTrue(limiter.check("someone-else", "192.0.2.8").isEmpty(), "other addresses are not affected");
        // A success on one account does not reset the address.
        limiter.succeeded("user0", "192.0.2.7");
        assertTrue(limiter.check("user0", "192.0.2.7").isPresent());
        clock.advance(Duration.ofMinutes(15));
        assertTrue(limiter.check("someone-else", "192.0.2.7").isEmpty());
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        LoginRateLimiter strict = new LoginRateLimiter(clock, 3, 100, Duration.ofMinutes(1));
        strict.failed("bob", "a");
        strict.failed("bob", "a");
        clock.advance(Duration.ofSeconds(61));
        strict.failed("bob", "a");
        strict.failed("bob", "a");
        assertTrue(strict.check("bob", "a").isEmpty(), "two of the four are older than the window");
        strict.failed("bob", "a");
        assertEquals(60, strict.check("bob", "a").orElseThrow().retryAfterSeconds());
    }
}
