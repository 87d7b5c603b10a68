package io.framewise.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing: after {@code perAccount} failed password checks for one account, or
 * {@code perAddress} from one client address, within a sliding window, further attempts are
 * refused (right password or not) until the oldest failure leaves the window; the refusal says
 * how many seconds that is (for {@code Retry-After}).
 *
 * <p>An attempt is <em>reserved</em> before its password is checked, in one step with the limit
 * check: the reservation counts as a failure at once and is only taken back when the password
 * turns out right (or is never checked). So guesses sent in parallel cannot all pass the check
 * before the first one is recorded; at most the limit of them is ever evaluated.
 *
 * <p>State is in memory, not in the database: an attacker's failed logins must not become
 * database writes, and losing the counts on a restart (an operator's act) is acceptable. The
 * number of tracked keys is capped so a flood of made-up names or addresses cannot exhaust memory.
 * A successful check clears its account's failures but not its address's, so one known account
 * cannot be used to reset an address's count while guessing at others.
 */
public final class LoginRateLimiter {

    public static final int DEFAULT_PER_ACCOUNT = 10;
    /** Higher than per account: an office behind one NAT address shares it. */
    public static final int DEFAULT_PER_ADDRESS = 30;

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    static final int MAX_KEYS = 100_000;

    /** Why an attempt is refused, and when to try again. */
    public record Refusal(long retryAfterSeconds) implements Reservation {
        public String message() {
            return "too many failed logins; try again in " + retryAfterSeconds + " s";
        }
    }

    /** The answer to {@link #reserve}: a refusal, or an attempt that must be settled. */
    public sealed interface Reservation permits Refusal, Attempt {}

    /**
     * A reserved password check. It already counts as a failure; settle it with {@link
     * #succeeded()} when the password was right, or {@link #cancel()} when it was never checked.
     * A wrong password needs nothing more.
     */
    public final class Attempt implements Reservation {
        private final String account;
        private final Mark accountMark;
        private final Mark addressMark;

        private Attempt(String account, Mark accountMark, Mark addressMark) {
            this.account = account;
            this.accountMark = accountMark;
            this.addressMark = addressMark;
        }

        /** The password was right: the account's failures are forgotten, and this attempt does not count. */
        public void succeeded() {
            synchronized (LoginRateLimiter.this) {
                failures.remove(account);
                forget(addressMark);
            }
        }

        /** The password was never checked (the server was too busy): this attempt does not count. */
        public void cancel() {
            synchronized (LoginRateLimiter.this) {
                forget(accountMark);
                forget(addressMark);
            }
        }
    }

    /** One counted attempt; compared by identity so a settled reservation removes exactly itself. */
    private static final class Mark {
        final String key;
        final long at;

        Mark(String key, long at) {
            this.key = key;
            this.at = at;
        }
    }

    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final long windowMillis;
    private final Map<String, ArrayDeque<Mark>> failures = new HashMap<>();

    public LoginRateLimiter(Clock clock) {
        this(clock, DEFAULT_PER_ACCOUNT, DEFAULT_PER_ADDRESS, DEFAULT_WINDOW);
    }

    public LoginRateLimiter(Clock clock, int perAccount, int perAddress, Duration window) {
        if (perAccount < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.windowMillis = window.toMillis();
    }

    /**
     * Call before checking a password: a {@link Refusal} means do not check it at all; an {@link
     * Attempt} is counted as a failure from now on until it is settled.
     */
    public synchronized Reservation reserve(String account, String address) {
        long now = clock.millis();
        String accountKey = accountKey(account);
        String addressKey = addressKey(address);
        long wait = Math.max(waitMillis(accountKey, perAccount, now), waitMillis(addressKey, perAddress, now));
        if (wait > 0) {
            return new Refusal(Math.max(1, (wait + 999) / 1000));
        }
        return new Attempt(accountKey, record(accountKey, perAccount, now), record(addressKey, perAddress, now));
    }

    private long waitMillis(String key, int limit, long now) {
        ArrayDeque<Mark> marks = failures.get(key);
        if (marks == null) {
            return 0;
        }
        dropOld(marks, now);
        if (marks.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        if (marks.size() < limit) {
            return 0;
        }
        // The limit-th most recent failure leaving the window is when fewer than limit remain.
        Iterator<Mark> newestFirst = marks.descendingIterator();
        long pivot = 0;
        for (int i = 0; i < limit; i++) {
            pivot = newestFirst.next().at;
        }
        return pivot + windowMillis - now;
    }

    private Mark record(String key, int limit, long now) {
        if (!failures.containsKey(key) && failures.size() >= MAX_KEYS) {
            prune(now);
        }
        ArrayDeque<Mark> marks = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        dropOld(marks, now);
        Mark mark = new Mark(key, now);
        marks.addLast(mark);
        // Only the newest `limit` failures decide anything.
        while (marks.size() > limit) {
            marks.removeFirst();
        }
        return mark;
    }

    private void forget(Mark mark) {
        ArrayDeque<Mark> marks = failures.get(mark.key);
        if (marks != null) {
            marks.removeIf(m -> m == mark);
            if (marks.isEmpty()) {
                failures.remove(mark.key);
            }
        }
    }

    private void dropOld(ArrayDeque<Mark> marks, long now) {
        while (!marks.isEmpty() && marks.peekFirst().at <= now - windowMillis) {
            marks.removeFirst();
        }
    }

    private void prune(long now) {
        failures.values().forEach(m -> dropOld(m, now));
        failures.values().removeIf(ArrayDeque::isEmpty);
        // Still full of live entries: forget arbitrary ones rather than grow without bound.
        Iterator<String> keys = failures.keySet().iterator();
        while (failures.size() >= MAX_KEYS && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private static String accountKey(String account) {
        String name = account == null ? "" : account;
        try {
            name = UserNames.canonical(name);
        } catch (AccountException.BadName e) {
            name = name.toLowerCase(Locale.ROOT);
        }
        return "account:" + (name.length() > 256 ? name.substring(0, 256) : name);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }
}
