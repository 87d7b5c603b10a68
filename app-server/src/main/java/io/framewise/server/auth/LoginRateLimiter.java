package io.framewise.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: after {@code perAccount} failed logins for one account, or
 * {@code perAddress} from one client address, within a sliding window, further attempts are
 * refused (right password or not) until the oldest failure leaves the window; the refusal says
 * how many seconds that is (for {@code Retry-After}).
 *
 * <p>State is in memory, not in the database: an attacker's failed logins must not become
 * database writes, and losing the counts on a restart (an operator's act) is acceptable. The
 * number of tracked keys is capped so a flood of made-up names or addresses cannot exhaust memory.
 * A successful login clears its account's failures but not its address's, so one known account
 * cannot be used to reset an address's count while guessing at others.
 */
public final class LoginRateLimiter {

    public static final int DEFAULT_PER_ACCOUNT = 10;
    /** Higher than per account: an office behind one NAT address shares it. */
    public static final int DEFAULT_PER_ADDRESS = 30;

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    static final int MAX_KEYS = 100_000;

    /** Why an attempt is refused, and when to try again. */
    public record Refusal(long retryAfterSeconds) {
        public String message() {
            return "too many failed logins; try again in " + retryAfterSeconds + " s";
        }
    }

    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final long windowMillis;
    private final Map<String, ArrayDeque<Long>> failures = new HashMap<>();

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

    /** Call before checking the password: a refusal means do not check it at all. */
    public synchronized Optional<Refusal> check(String account, String address) {
        long now = clock.millis();
        long wait = Math.max(
                waitMillis(accountKey(account), perAccount, now), waitMillis(addressKey(address), perAddress, now));
        if (wait <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(Math.max(1, (wait + 999) / 1000)));
    }

    /** Records a wrong password (or unknown account) for both keys. */
    public synchronized void failed(String account, String address) {
        long now = clock.millis();
        record(accountKey(account), perAccount, now);
        record(addressKey(address), perAddress, now);
    }

    /** Records a successful login: the account's failures are forgotten. */
    public synchronized void succeeded(String account, String address) {
        failures.remove(accountKey(account));
    }

    private long waitMillis(String key, int limit, long now) {
        ArrayDeque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        dropOld(times, now);
        if (times.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        if (times.size() < limit) {
            return 0;
        }
        // The limit-th most recent failure leaving the window is when fewer than limit remain.
        Iterator<Long> newestFirst = times.descendingIterator();
        long pivot = 0;
        for (int i = 0; i < limit; i++) {
            pivot = newestFirst.next();
        }
        return pivot + windowMillis - now;
    }

    private void record(String key, int limit, long now) {
        if (!failures.containsKey(key) && failures.size() >= MAX_KEYS) {
            prune(now);
        }
        ArrayDeque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        dropOld(times, now);
        times.addLast(now);
        // Only the newest `limit` failures decide anything.
        while (times.size() > limit) {
            times.removeFirst();
        }
    }

    private void dropOld(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.removeFirst();
        }
    }

    private void prune(long now) {
        failures.values().forEach(t -> dropOld(t, now));
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
