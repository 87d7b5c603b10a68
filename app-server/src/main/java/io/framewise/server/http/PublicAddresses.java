package io.framewise.server.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names and addresses browsers reach the server by, beyond the ones it knows itself (loopback,
 * IP literals, this machine's host name): the public URLs it is served at (behind nginx, say) and
 * extra host names (a DNS alias). {@link RequestGuard} answers requests for other names 421 and
 * accepts state changes only from the server's own origins.
 *
 * @param urls the public URLs ({@code --public-url}): their origin counts as the server's own and
 *     their host is allowed
 * @param hosts extra host names to answer to ({@code --allowed-host}), lower case, without a port
 */
public record PublicAddresses(List<URI> urls, List<String> hosts) {

    /** A DNS name or an IP literal as it may stand in a Host header (IPv6 in brackets). */
    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?|\\[[0-9a-f:.]+]");

    public PublicAddresses {
        urls = List.copyOf(urls);
        hosts = List.copyOf(hosts);
        for (URI url : urls) {
            checkUrl(url);
        }
        for (String host : hosts) {
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException(
                        "--allowed-host must be a host name without scheme or port, was '" + host + "'");
            }
        }
    }

    /** Only the names the server knows itself. */
    public static PublicAddresses none() {
        return new PublicAddresses(List.of(), List.of());
    }

    /**
     * Parses command-line values: URLs such as {@code https://review.example.com} and host names such
     * as {@code review.example.com}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static PublicAddresses parse(List<String> urls, List<String> hosts) {
        List<URI> parsed = new ArrayList<>();
        for (String url : urls) {
            try {
                parsed.add(new URI(url.strip()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--public-url is not a URL: '" + url + "'");
            }
        }
        return new PublicAddresses(
                parsed,
                hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList());
    }

    /** These addresses plus another host name (the desktop host mode adds the name it announces). */
    public PublicAddresses withHost(String host) {
        List<String> more = new ArrayList<>(hosts);
        more.add(host.toLowerCase(Locale.ROOT));
        return new PublicAddresses(urls, more);
    }

    /** The origins ({@code scheme://host[:port]}, lower case, default port left out) of the public URLs. */
    public List<String> origins() {
        return urls.stream()
                .map(u -> origin(u.getScheme(), u.getHost(), u.getPort()))
                .toList();
    }

    /** The host names of the public URLs and the extra hosts, lower case. */
    public List<String> names() {
        List<String> names = new ArrayList<>(hosts);
        urls.forEach(u -> names.add(u.getHost().toLowerCase(Locale.ROOT)));
        return names;
    }

    /** The serialization browsers use in the Origin header: default ports are left out. */
    static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        int p = port == defaultPort(s) ? -1 : port;
        return s + "://" + host.toLowerCase(Locale.ROOT) + (p < 0 ? "" : ":" + p);
    }

    static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    private static void checkUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--public-url must start with http:// or https://, was '" + url + "'");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("--public-url needs a host name, was '" + url + "'");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "--public-url is the address browsers open, without user, query or fragment: '" + url + "'");
        }
    }
}
