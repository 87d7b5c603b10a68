package io.framewise.desktop.host;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.http.PublicAddresses;
import java.nio.file.Path;

/** The two ways the app runs the server itself: on loopback for this user, or on the LAN. */
public final class EmbeddedServers {

    private EmbeddedServers() {}

    /** "Work locally": loopback only, no sign-in, any free port. */
    public static FramewiseServer local(Path dataDir) {
        return FramewiseServer.start(ServerConfig.defaults(dataDir).withPort(0).withAuth(AuthSettings.none()));
    }

    /**
     * "Host on LAN": every interface, local accounts, on {@code port} (0 picks one). Browsers reach
     * it by IP address, this machine's name or the {@code mdnsName} it is announced under; the
     * server answers to all three and to nothing else.
     */
    public static FramewiseServer lan(Path dataDir, int port, String mdnsName) {
        return FramewiseServer.start(ServerConfig.defaults(dataDir)
                .withHost("0.0.0.0")
                .withPort(port)
                .withAuth(AuthSettings.local())
                .withAddresses(PublicAddresses.none().withHost(mdnsName)));
    }
}
