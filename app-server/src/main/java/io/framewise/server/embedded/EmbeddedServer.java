package io.framewise.server.embedded;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AccountRepository;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.http.PublicAddresses;
import io.framewise.server.media.MediaFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The server as the desktop app runs it in its own process, and all the desktop may ask of it
 * beyond HTTP: start and stop on a data folder with the desktop's two settings, find a media item's
 * original on this disk (so the app plays and decodes the file directly), make sure the host has an
 * admin account, and issue the host app's own API token. Everything else the desktop does through
 * the HTTP API, like any other client; the server's repositories and stores stay behind this class.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FramewiseServer server;

    private EmbeddedServer(FramewiseServer server) {
        this.server = server;
    }

    /** "Work locally": loopback only, no sign-in, any free port. */
    public static EmbeddedServer local(Path dataDir) {
        return new EmbeddedServer(
                FramewiseServer.start(ServerConfig.defaults(dataDir).withPort(0).withAuth(AuthSettings.none())));
    }

    /**
     * "Host on LAN": every interface, local accounts, on {@code port} (0 picks one). Browsers reach
     * it by IP address, this machine's name or the {@code mdnsName} it is announced under; the
     * server answers to all three and to nothing else.
     */
    public static EmbeddedServer lan(Path dataDir, int port, String mdnsName) {
        return new EmbeddedServer(FramewiseServer.start(ServerConfig.defaults(dataDir)
                .withHost("0.0.0.0")
                .withPort(port)
                .withAuth(AuthSettings.local())
                .withAddresses(PublicAddresses.none().withHost(mdnsName))));
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public int port() {
        return server.port();
    }

    /** The data folder it serves (absolute). */
    public Path dataDir() {
        return server.config().dataDir();
    }

    /**
     * The original file of media item {@code mediaId} on this disk, when the item exists and its
     * file is there: the app opens it directly instead of streaming it over loopback.
     */
    public Optional<Path> localOriginal(String mediaId) {
        return server.repositories()
                .media()
                .get(mediaId)
                .map(m -> new MediaFiles(dataDir()).resolve(m.storedPath()))
                .filter(Files::isRegularFile);
    }

    /**
     * Makes sure the host has an admin account. A library without accounts gets an admin named
     * {@code name} with a generated password (answered once, for signing in from a browser); a
     * library with accounts is left as it is. Answers the account named {@code name}, or empty when
     * the library's accounts have none by that name.
     */
    public Optional<HostAdmin> ensureAdmin(String name) {
        AccountRepository accounts = server.repositories().accounts();
        if (accounts.list().isEmpty()) {
            byte[] raw = new byte[12];
            RANDOM.nextBytes(raw);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            var created = accounts.create(name, password, true);
            return Optional.of(new HostAdmin(created.id(), created.name(), password));
        }
        return accounts.findByName(name).map(a -> new HostAdmin(a.id(), a.name(), null));
    }

    /**
     * Issues the host app's own expiring API token for {@code admin}, revoking the ones earlier runs
     * left behind (see {@link HostToken}).
     */
    public HostToken issueHostToken(HostAdmin admin) {
        return HostToken.issue(server.tokens(), dataDir(), admin.id(), Instant.now());
    }

    /** Stops serving and processing and closes the library. */
    @Override
    public void close() {
        server.close();
    }
}
