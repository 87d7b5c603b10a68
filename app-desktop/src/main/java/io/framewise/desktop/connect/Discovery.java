package io.framewise.desktop.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/** Browses the LAN for Framewise servers; reports each one found and each one gone. */
public final class Discovery implements AutoCloseable {

    /** The DNS-SD service type Framewise servers are announced under (the host mode's {@code Announcer}). */
    public static final String SERVICE_TYPE = "_framewise._tcp.local.";

    /** A server found on the LAN: its announced name and the URL to connect to. */
    public record Found(String name, String url) {
        @Override
        public String toString() {
            return name + "  —  " + url;
        }
    }

    private final JmDNS dns;

    private Discovery(JmDNS dns) {
        this.dns = dns;
    }

    public static Discovery browse(InetAddress on, Consumer<Found> found, Consumer<String> gone) {
        try {
            JmDNS dns = JmDNS.create(
                    on, "framewise-browser-" + ProcessHandle.current().pid());
            dns.addServiceListener(SERVICE_TYPE, new ServiceListener() {
                @Override
                public void serviceAdded(ServiceEvent event) {
                    dns.requestServiceInfo(event.getType(), event.getName(), 1000);
                }

                @Override
                public void serviceRemoved(ServiceEvent event) {
                    gone.accept(event.getName());
                }

                @Override
                public void serviceResolved(ServiceEvent event) {
                    ServiceInfo info = event.getInfo();
                    String[] hosts = info.getHostAddresses();
                    if (hosts.length > 0) {
                        String host = hosts[0].contains(":") ? "[" + hosts[0] + "]" : hosts[0];
                        String path = info.getPropertyString("path");
                        found.accept(new Found(
                                info.getName(), "http://" + host + ":" + info.getPort() + (path == null ? "/" : path)));
                    }
                }
            });
            return new Discovery(dns);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look for servers on the network: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            dns.close();
        } catch (IOException e) {
            // Nothing left to do: the socket is gone either way.
        }
    }
}
