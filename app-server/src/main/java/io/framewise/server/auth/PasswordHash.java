package io.framewise.server.auth;

import java.util.Objects;

/**
 * A password that passed the {@link PasswordPolicy}, already hashed. Hashing takes tens of
 * milliseconds, so it is done before a unit of work begins and the hash is what the transaction
 * writes: no writer waits for it.
 */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
    }

    @Override
    public String toString() {
        return "PasswordHash[...]";
    }
}
