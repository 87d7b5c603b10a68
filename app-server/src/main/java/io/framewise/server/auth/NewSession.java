package io.framewise.server.auth;

/**
 * A session just created: {@code token} goes in the HttpOnly session cookie, {@code csrfToken} in
 * the readable {@code fw_csrf} cookie (double submit). Neither is stored, only their hashes.
 */
public record NewSession(Session session, String token, String csrfToken) {

    @Override
    public String toString() {
        return "NewSession[" + session + "]";
    }
}
