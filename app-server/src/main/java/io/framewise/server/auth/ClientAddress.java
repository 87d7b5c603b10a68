package io.framewise.server.auth;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The address a request really comes from, for login limits and the audit log. Behind a reverse
 * proxy every request's socket peer is the proxy, so all clients would share one rate-limit key and
 * the audit log would name the proxy; the proxy names the client in {@code X-Forwarded-For}.
 *
 * <p>That header is believed only when the socket peer is a configured trusted proxy (anyone else
 * can write anything in it), and then only from the right: each proxy appends the address it saw,
 * so the right-most entry that is not itself a trusted proxy is the first address no trusted
 * proxy vouches for beyond, i.e. the client. Entries further left are the client's own claims. An
 * entry that is not a numeric address ends the walk at the last trusted hop, as nothing right of
 * it can be pinned to a client.
 */
public final class ClientAddress {

    public static final String FORWARDED_FOR = "X-Forwarded-For";

    /** More entries than this are ignored from the left: a real chain is a handful of proxies. */
    static final int MAX_HOPS = 32;

    private ClientAddress() {}

    /** The client's address of {@code ctx} under {@code settings}' trusted proxies. */
    public static String of(Context ctx, AuthSettings settings) {
        var lines = ctx.req().getHeaders(FORWARDED_FOR);
        return resolve(ctx.req().getRemoteAddr(), lines == null ? List.of() : Collections.list(lines), settings);
    }

    /**
     * The client's address given the socket peer and the {@code X-Forwarded-For} header lines (in
     * the order received; several lines count as one comma-separated list).
     */
    static String resolve(String peer, List<String> forwardedFor, AuthSettings settings) {
        Optional<InetAddress> direct = Cidr.numeric(peer);
        if (direct.isEmpty() || !settings.isTrustedProxy(direct.get())) {
            return canonical(peer, direct);
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            hops.addAll(List.of(line.split(",")));
        }
        InetAddress last = direct.get();
        for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
            Optional<InetAddress> hop = Cidr.numeric(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            last = hop.get();
            if (!settings.isTrustedProxy(last)) {
                break;
            }
        }
        return last.getHostAddress();
    }

    private static String canonical(String peer, Optional<InetAddress> parsed) {
        return parsed.map(InetAddress::getHostAddress).orElse(peer == null ? "" : peer);
    }
}
