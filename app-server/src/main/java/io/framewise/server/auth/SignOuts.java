package io.framewise.server.auth;

import io.framewise.server.access.Principal.Credential;
import io.framewise.server.db.UnitOfWork;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Ends a person's sessions and API tokens, and closes the live (WebSocket) connections they opened,
 * in one place, so a password change, an administrator's reset and "sign out everywhere" cannot
 * differ in what they leave standing.
 */
public final class SignOuts {

    /** How many credentials one call ended. */
    public record Ended(int sessions, int tokens) {}

    private final SessionStore sessions;
    private final TokenStore tokens;
    private final Consumer<Credential> closeCredential;
    private final Consumer<String> closeUser;
    private final Consumer<Runnable> afterCommit;

    /**
     * @param closeCredential closes the live connections opened with one credential
     * @param closeUser closes every live connection of a user
     */
    public SignOuts(
            SessionStore sessions,
            TokenStore tokens,
            Consumer<Credential> closeCredential,
            Consumer<String> closeUser) {
        this(sessions, tokens, closeCredential, closeUser, Runnable::run);
    }

    /**
     * As {@link #SignOuts(SessionStore, TokenStore, Consumer, Consumer)}, closing connections only once
     * the unit of work that ended their credentials commits: a sign-out that is rolled back (with the
     * password reset it belongs to) leaves the connections open.
     */
    public SignOuts(
            SessionStore sessions,
            TokenStore tokens,
            Consumer<Credential> closeCredential,
            Consumer<String> closeUser,
            UnitOfWork work) {
        this(sessions, tokens, closeCredential, closeUser, work::afterCommit);
    }

    private SignOuts(
            SessionStore sessions,
            TokenStore tokens,
            Consumer<Credential> closeCredential,
            Consumer<String> closeUser,
            Consumer<Runnable> afterCommit) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.closeCredential = Objects.requireNonNull(closeCredential, "closeCredential");
        this.closeUser = Objects.requireNonNull(closeUser, "closeUser");
        this.afterCommit = afterCommit;
    }

    /** Ends every session of {@code userId} but {@code keep}'s (the one making a change). */
    public int otherSessions(String userId, Credential keep) {
        int ended = 0;
        for (Session s : sessions.listByUser(userId)) {
            if (!isKept(Credential.Kind.SESSION, s.id(), keep) && sessions.revokeById(s.id())) {
                close(new Credential(Credential.Kind.SESSION, s.id()));
                ended++;
            }
        }
        return ended;
    }

    /** Revokes every live API token of {@code userId} but {@code keep} (when the caller used one). */
    public int otherTokens(String userId, Credential keep) {
        int revoked = 0;
        for (ApiToken t : tokens.listByOwner(userId)) {
            if (!t.revoked() && !isKept(Credential.Kind.TOKEN, t.id(), keep) && tokens.revoke(userId, t.id())) {
                close(new Credential(Credential.Kind.TOKEN, t.id()));
                revoked++;
            }
        }
        return revoked;
    }

    /** Ends every session and token of {@code userId} and closes all its live connections. */
    public Ended everywhere(String userId) {
        int s = sessions.revokeAll(userId);
        int t = tokens.revokeAll(userId);
        connections(userId);
        return new Ended(s, t);
    }

    /** Closes every live connection of {@code userId} (its account is gone or its rights changed). */
    public void connections(String userId) {
        afterCommit.accept(() -> closeUser.accept(userId));
    }

    private void close(Credential credential) {
        afterCommit.accept(() -> closeCredential.accept(credential));
    }

    private static boolean isKept(Credential.Kind kind, String id, Credential keep) {
        return keep != null && keep.kind() == kind && id.equals(keep.id());
    }
}
