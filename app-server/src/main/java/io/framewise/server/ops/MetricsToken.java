package io.framewise.server.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The bearer token a Prometheus scraper presents to {@code /api/metrics} instead of an
 * administrator's credentials ({@code --metrics-token-file}, {@code FRAMEWISE_METRICS_TOKEN_FILE}).
 * It is read from a file, never taken from the command line (which every local user can see), and
 * compared in constant time through digests, so neither its content nor its length leaks by timing.
 */
public final class MetricsToken {

    /** No token: only administrators read the metrics. */
    public static final MetricsToken NONE = new MetricsToken(null);

    /** Shorter tokens are refused at start: a scraper's secret should not be guessable. */
    static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private MetricsToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * The token in the first line of {@code file}.
     *
     * @throws IllegalArgumentException when the file cannot be read or the token is too short
     */
    public static MetricsToken fromFile(Path file) {
        String token;
        try {
            token = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .findFirst()
                    .orElse("")
                    .strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the metrics token file " + file + ": " + e);
        }
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "the metrics token in " + file + " must be at least " + MIN_LENGTH + " characters");
        }
        return new MetricsToken(sha256(token));
    }

    /** Whether a token is configured at all. */
    public boolean configured() {
        return digest != null;
    }

    /** Whether {@code presented} is the token (false when none is configured). */
    public boolean matches(Optional<String> presented) {
        return digest != null && presented.isPresent() && MessageDigest.isEqual(digest, sha256(presented.get()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
