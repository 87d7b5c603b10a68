package io.framewise.server.auth;

import java.util.List;
import java.util.Objects;

/**
 * The authentication part of the server's configuration.
 *
 * @param mode who decides identity
 * @param trustedProxies the only addresses whose {@code X-Remote-User-*} headers are believed (proxy mode)
 * @param secureCookies mark session cookies {@code Secure} (set when the server is reached over TLS,
 *     directly or through a proxy that terminates it)
 */
public record AuthSettings(AuthMode mode, List<Cidr> trustedProxies, boolean secureCookies) {

    public AuthSettings {
        Objects.requireNonNull(mode, "mode");
        trustedProxies = List.copyOf(trustedProxies);
        if (mode == AuthMode.PROXY && trustedProxies.isEmpty()) {
            throw new IllegalArgumentException(
                    "proxy authentication needs --trusted-proxy with the reverse proxy's address block");
        }
    }

    public static AuthSettings none() {
        return new AuthSettings(AuthMode.NONE, List.of(), false);
    }

    public static AuthSettings local() {
        return new AuthSettings(AuthMode.LOCAL, List.of(), false);
    }

    public static AuthSettings proxy(List<String> trustedCidrs) {
        return new AuthSettings(
                AuthMode.PROXY, trustedCidrs.stream().map(Cidr::parse).toList(), false);
    }

    public AuthSettings withSecureCookies(boolean secure) {
        return new AuthSettings(mode, trustedProxies, secure);
    }

    /** Whether a request from this remote address may speak for a user through proxy headers. */
    public boolean trustsProxyAt(String remoteAddress) {
        return mode == AuthMode.PROXY && trustedProxies.stream().anyMatch(c -> c.contains(remoteAddress));
    }
}
