package io.framewise.server.auth;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The authentication part of the server's configuration.
 *
 * @param mode who decides identity
 * @param trustedProxies the reverse proxies in front of the server: their {@code X-Forwarded-For}
 *     names the client (every mode, see {@link ClientAddress}), and in proxy mode their {@code
 *     X-Remote-User-*} headers name the user
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

    /** The same settings behind these reverse proxies (address blocks such as {@code 10.0.0.5/32}). */
    public AuthSettings withTrustedProxies(List<String> trustedCidrs) {
        return new AuthSettings(mode, trustedCidrs.stream().map(Cidr::parse).toList(), secureCookies);
    }

    /** Whether a request from this remote address may speak for a user through proxy headers. */
    public boolean trustsProxyAt(String remoteAddress) {
        return mode == AuthMode.PROXY && isTrustedProxy(remoteAddress);
    }

    /** Whether this address is one of the configured reverse proxies (in any mode). */
    public boolean isTrustedProxy(String address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }

    /** Whether this address is one of the configured reverse proxies (in any mode). */
    public boolean isTrustedProxy(InetAddress address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }
}
