package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginRateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final LoginRateLimiter limiter = new LoginRateLimiter(clock);

    /** What a login endpoint does: reserve an attempt, check the password, settle the attempt. */
    private static Optional<LoginRateLimiter.Refusal> login(
            LoginRateLimiter limiter, AccountRepository accounts, String name, String password, String address) {
        LoginRateLimiter.Reservation r = limiter.reserve(name, address);
        if (r instanceof LoginRateLimiter.Refusal refusal) {
            return Optional.of(refusal);
        }
        if (accounts.authenticate(name, password).isPresent()) {
            ((LoginRateLimiter.Attempt) r).succeeded();
        }
        return Optional.empty();
    }

    /** A wrong password: the reservation is the failure. */
    private static boolean fail(LoginRateLimiter limiter, String name, String address) {
        return limiter.reserve(name, address) instanceof LoginRateLimiter.Attempt;
    }

    private static long refusedFor(LoginRateLimiter limiter, String name, String address) {
        return assertInstanceOf(LoginRateLimiter.Refusal.class, limiter.reserve(name, address))
                .retryAfterSeconds();
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
            assertEquals(1, refusedFor(limiter, "alice", "10.0.0.99"));
            clock.advance(Duration.ofSeconds(1));
            assertTrue(login(limiter, accounts, "alice", "the right password", "10.0.0.99")
                    .isEmpty());
            // The success cleared the account's failures: nine more wrong ones still pass.
            for (int i = 0; i < 9; i++) {
                assertTrue(fail(limiter, "alice", "10.0.1." + i), "attempt " + i);
            }
        }
    }

    @Test
    void oneAddressGuessingAtManyAccountsIsStoppedToo() {
        for (int i = 0; i < LoginRateLimiter.DEFAULT_PER_ADDRESS; i++) {
            assertTrue(fail(limiter, "user" + i, "192.0.2.7"));
        }
        assertEquals(15 * 60, refusedFor(limiter, "someone-else", "192.0.2.7"));
        LoginRateLimiter.Reservation other = limiter.reserve("someone-else", "192.0.2.8");
        assertInstanceOf(LoginRateLimiter.Attempt.class, other, "other addresses are not affected");
        // A success on one account (from another address) does not reset the first address.
        ((LoginRateLimiter.Attempt) other).succeeded();
        assertInstanceOf(LoginRateLimiter.Refusal.class, limiter.reserve("user0", "192.0.2.7"));
        clock.advance(Duration.ofMinutes(15));
        assertInstanceOf(LoginRateLimiter.Attempt.class, limiter.reserve("someone-else", "192.0.2.7"));
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        LoginRateLimiter strict = new LoginRateLimiter(clock, 3, 100, Duration.ofMinutes(1));
        fail(strict, "bob", "a");
        fail(strict, "bob", "a");
        clock.advance(Duration.ofSeconds(61));
        fail(strict, "bob", "a");
        fail(strict, "bob", "a");
        assertTrue(fail(strict, "bob", "a"), "two of the four are older than the window");
        assertEquals(60, refusedFor(strict, "bob", "a"));
    }

    @Test
    void aRightPasswordAndAnUncheckedOneDoNotCount() {
        LoginRateLimiter strict = new LoginRateLimiter(clock, 2, 2, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            LoginRateLimiter.Reservation r = strict.reserve("carol", "b");
            ((LoginRateLimiter.Attempt) r).succeeded();
            LoginRateLimiter.Reservation busy = strict.reserve("dave", "b");
            ((LoginRateLimiter.Attempt) busy).cancel();
        }
        assertTrue(fail(strict, "dave", "b"));
        assertTrue(fail(strict, "dave", "b"));
        assertInstanceOf(LoginRateLimiter.Refusal.class, strict.reserve("dave", "b"));
    }

    /** The attack: guesses sent at once must not all pass the check before the first is recorded. */
    @Test
    void parallelGuessesBeyondTheLimitAreRefusedEvenWhenNoneHasFinished() throws Exception {
        int guesses = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LoginRateLimiter.Reservation>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    // Different addresses: only the account's limit applies.
                    return limiter.reserve("alice", "198.51.100." + n);
                }));
            }
            go.countDown();
            int reserved = 0;
            for (Future<LoginRateLimiter.Reservation> a : answers) {
                if (a.get(30, TimeUnit.SECONDS) instanceof LoginRateLimiter.Attempt) {
                    reserved++;
                }
            }
            assertEquals(LoginRateLimiter.DEFAULT_PER_ACCOUNT, reserved, "no attempt was settled yet");
        } finally {
            pool.shutdownNow();
        }
    }
}
