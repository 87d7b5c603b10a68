package io.framewise.desktop.host;

import io.framewise.desktop.connect.Discovery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Announces a Framewise server over mDNS/DNS-SD as {@link Discovery#SERVICE_TYPE}, with the path and
 * version in its TXT record, until closed (closing sends the goodbye so browsers drop it at once).
 */
public final class Announcer implements AutoCloseable {

    private final JmDNS dns;

    private Announcer(JmDNS dns) {
        this.dns = dns;
    }

    /**
     * The mDNS host name the announcement of a service named {@code name} gives this machine
     * ({@code framewise-NNN.local}); the server must answer to it, browsers on the LAN may use it.
     */
    public static String hostName(String name) {
        return label(name) + ".local";
    }

    private static String label(String name) {
        return "framewise-" + Math.abs(name.hashCode());
    }

    public static Announcer announce(InetAddress on, String name, int port) {
        try {
            // JmDNS names the host after the instance: label.local.
            JmDNS dns = JmDNS.create(on, label(name));
            ServiceInfo info =
                    ServiceInfo.create(Discovery.SERVICE_TYPE, name, port, 0, 0, Map.of("path", "/", "api", "1"));
            dns.registerService(info);
            return new Announcer(dns);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot announce the server on the network: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dns.unregisterAllServices();
        try {
            dns.close();
        } catch (IOException e) {
            // Closing the multicast socket failed: the announcement expires by its TTL anyway.
        }
    }
}
