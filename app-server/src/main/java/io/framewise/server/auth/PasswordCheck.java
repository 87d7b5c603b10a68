package io.framewise.server.auth;

import io.framewise.server.http.ApiException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way a request checks someone's password (signing in, confirming the current password
 * before a change): every check is reserved with the {@link LoginRateLimiter} first, so no
 * endpoint offers an unlimited guessing oracle, and hashed within the {@link HashingCap}.
 */
public final class PasswordCheck {

    private final AccountRepository accounts;
    private final LoginRateLimiter limiter;

    public PasswordCheck(AccountRepository accounts, LoginRateLimiter limiter) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /**
     * The enabled account {@code name} when {@code password} is its password; empty when it is not
     * (or there is no such account), which counts against the account and the address.
     *
     * @param address the client's address ({@link ClientAddress}), the limiter's second key
     * @throws ApiException.TooManyRequests (429) when the account or address used up its attempts;
     *     the password was not checked
     * @throws ApiException.Unavailable (503) when the server had no hashing slot free in time; the
     *     attempt does not count
     */
    public Optional<Account> check(String name, String password, String address) {
        LoginRateLimiter.Reservation reservation = limiter.reserve(name, address);
        if (reservation instanceof LoginRateLimiter.Refusal refusal) {
            long wait = refusal.retryAfterSeconds();
            throw new ApiException.TooManyRequests(
                    "Too many failed password attempts. Try again in " + wait + " s.", wait);
        }
        LoginRateLimiter.Attempt attempt = (LoginRateLimiter.Attempt) reservation;
        Optional<Account> account;
        try {
            account = accounts.authenticate(name, password);
        } catch (RuntimeException e) {
            attempt.cancel();
            throw e;
        }
        if (account.isPresent()) {
            attempt.succeeded();
        }
        return account;
    }
}
