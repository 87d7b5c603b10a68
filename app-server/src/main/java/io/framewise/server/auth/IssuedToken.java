package io.framewise.server.auth;

/**
 * A freshly issued API token: {@code token} is the secret to show the owner once; only its hash is
 * stored, so it cannot be shown again.
 */
public record IssuedToken(ApiToken info, String token) {

    @Override
    public String toString() {
        // Keep the secret out of logs and assertion messages.
        return "IssuedToken[" + info + "]";
    }
}
