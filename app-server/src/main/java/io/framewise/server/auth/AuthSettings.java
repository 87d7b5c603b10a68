package io.framewise.server.auth;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The authentication part of the server's configuration.
 *
 * @param mode who decides identity
 * @param trustedProxies the reverse proxies in front of the server: their {@code X-Forwarded-For}
 *     names the client (every mode, see {@link ClientAddress}), and in proxy mode their {@code
 *     X-Remote-User-*} headers name the user
 * @param secureCookies mark session cookies {@code Secure} (set when the server is reached over TLS,
 *     directly or through a proxy that terminates it)
 * @param proxyAdminHeader the header a trusted proxy states admin rights in ({@code
 *     --proxy-admin-header}, e.g. {@code X-Remote-User-Is-Admin}), or null: then the proxy's word on
 *     admin rights is not asked and every account keeps the flag stored with it
 */
public record AuthSettings(AuthMode mode, List<Cidr> trustedProxies, boolean secureCookies, String proxyAdminHeader) {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");

    public AuthSettings {
        Objects.requireNonNull(mode, "mode");
        trustedProxies = List.copyOf(trustedProxies);
        if (mode == AuthMode.PROXY && trustedProxies.isEmpty()) {
            throw new IllegalArgumentException(
                    "proxy authentication needs --trusted-proxy with the reverse proxy's address block");
        }
        if (proxyAdminHeader != null) {
            proxyAdminHeader = proxyAdminHeader.strip();
            if (mode != AuthMode.PROXY) {
                throw new IllegalArgumentException("--proxy-admin-header only applies to --auth proxy");
            }
            if (!HEADER_NAME.matcher(proxyAdminHeader).matches()) {
                throw new IllegalArgumentException(
                        "--proxy-admin-header must be a header name such as X-Remote-User-Is-Admin, was '"
                                + proxyAdminHeader + "'");
            }
        }
    }

    public AuthSettings(AuthMode mode, List<Cidr> trustedProxies, boolean secureCookies) {
        this(mode, trustedProxies, secureCookies, null);
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
        return new AuthSettings(mode, trustedProxies, secure, proxyAdminHeader);
    }

    /** Proxy mode that takes admin rights from this header of the trusted proxy. */
    public AuthSettings withProxyAdminHeader(String header) {
        return new AuthSettings(mode, trustedProxies, secureCookies, header);
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
