package io.framewise.server.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names the server answers to, against DNS rebinding: a page on {@code evil.example}
 * that re-points its name at 127.0.0.1 sends {@code Host: evil.example}, and is refused here.
 *
 * <p>Allowed: {@code localhost}, every IP literal (a rebinding attack needs a name it controls, so
 * an address in the Host header cannot be one), this machine's host name with and without {@code
 * .local} (browsers on the LAN reach the desktop host mode by it), and the configured {@link
 * PublicAddresses}.
 */
public final class AllowedHosts {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");

    private final Set<String> names;

    public AllowedHosts(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** Loopback, this machine's names and the configured ones. */
    public static AllowedHosts of(PublicAddresses addresses) {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        machineName().ifPresent(host -> {
            String shortName = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
            for (String n : new LinkedHashSet<>(java.util.List.of(host, shortName))) {
                names.add(n);
                names.add(n + ".local");
            }
        });
        names.addAll(addresses.names());
        return new AllowedHosts(names);
    }

    /** The names (IP literals aside) this server answers to, for messages and the log. */
    public Set<String> names() {
        return names;
    }

    /**
     * Whether a request with this Host header may be answered. A request without one (HTTP/1.0
     * tools) did not come from a browser and is answered.
     */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return true;
        }
        String host = hostOf(hostHeader);
        return isIpLiteral(host) || names.contains(host);
    }

    /** The host part of a Host header (or an origin's authority): lower case, no port, no final dot. */
    static String hostOf(String authority) {
        String a = authority.strip().toLowerCase(Locale.ROOT);
        String host;
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            host = end < 0 ? a : a.substring(0, end + 1);
        } else {
            int colon = a.lastIndexOf(':');
            host = colon < 0 ? a : a.substring(0, colon);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
    }

    /** This machine's host name, lower case, without asking DNS when the kernel can tell. */
    private static Optional<String> machineName() {
        String name = null;
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(kernel)) {
                name = Files.readString(kernel, StandardCharsets.US_ASCII).strip();
            }
        } catch (IOException e) {
            name = null;
        }
        if (name == null || name.isEmpty()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        name = name.toLowerCase(Locale.ROOT);
        return name.isEmpty() || name.equals("localhost") ? Optional.empty() : Optional.of(name);
    }
}
