package io.framewise.server.embedded;

import io.framewise.server.auth.ApiToken;
import io.framewise.server.auth.IssuedToken;
import io.framewise.server.auth.TokenStore;
import io.framewise.server.db.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The host app's own API token for the library it serves (so it never needs the admin's password).
 * There is one at a time, and it expires: issued when hosting starts, renewed while it runs,
 * revoked when it stops. Its id (not the secret) is kept in the library folder, so a token left by
 * a crash is revoked at the next start; the never-expiring tokens of this name that earlier versions
 * issued on every start are revoked then too. {@link EmbeddedServer#issueHostToken} issues it.
 */
public final class HostToken {

    public static final String NAME = "Framewise desktop (host)";
    public static final Duration LIFETIME = Duration.ofDays(30);
    public static final String ID_FILE = "host-token.id";

    private final TokenStore tokens;
    private final Path idFile;
    private final String userId;
    private volatile IssuedToken current;

    private HostToken(TokenStore tokens, Path idFile, String userId) {
        this.tokens = tokens;
        this.idFile = idFile;
        this.userId = userId;
    }

    /** Revokes what earlier runs left behind, then issues a fresh token for {@code userId}. */
    static HostToken issue(TokenStore tokens, Path dataDir, String userId, Instant now) {
        HostToken host = new HostToken(tokens, dataDir.resolve(ID_FILE), userId);
        String previous = host.storedId();
        for (ApiToken t : tokens.listByOwner(userId)) {
            boolean leftOver = t.id().equals(previous);
            boolean legacy = NAME.equals(t.name()) && t.expires() == null;
            if (!t.revoked() && (leftOver || legacy)) {
                tokens.revoke(userId, t.id());
            }
        }
        host.current = host.fresh(now);
        return host;
    }

    /** The secret to send as {@code Authorization: Bearer}. */
    public String token() {
        return current.token();
    }

    public String id() {
        return current.info().id();
    }

    /** When the current token stops working. */
    public Instant expires() {
        return current.info().expires();
    }

    /**
     * Replaces the token with a fresh one once less than half its lifetime is left, handing the new
     * secret to {@code use} before the old one is revoked.
     *
     * @return whether it was replaced
     */
    public synchronized boolean renewIfDue(Instant now, Consumer<String> use) {
        IssuedToken old = current;
        if (old.info().expires().isAfter(now.plus(LIFETIME.dividedBy(2)))) {
            return false;
        }
        current = fresh(now);
        use.accept(current.token());
        tokens.revoke(userId, old.info().id());
        return true;
    }

    /** Revokes the token (hosting stops) and forgets its id. */
    public synchronized void revoke() {
        tokens.revoke(userId, current.info().id());
        try {
            Files.deleteIfExists(idFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + idFile, e);
        }
    }

    private IssuedToken fresh(Instant now) {
        IssuedToken issued = tokens.issue(userId, NAME, now.plus(LIFETIME));
        try {
            PrivateFiles.file(idFile);
            Files.writeString(idFile, issued.info().id(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            tokens.revoke(userId, issued.info().id());
            throw new UncheckedIOException("Cannot write " + idFile, e);
        }
        return issued;
    }

    private String storedId() {
        try {
            return Files.isRegularFile(idFile)
                    ? Files.readString(idFile, StandardCharsets.UTF_8).strip()
                    : "";
        } catch (IOException e) {
            return "";
        }
    }
}
