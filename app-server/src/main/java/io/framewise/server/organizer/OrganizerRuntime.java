package io.framewise.server.organizer;

import io.framewise.organizer.sdk.Organizer;
import io.framewise.server.db.PrivateFiles;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The moving parts behind {@link Organizers}: the host API served on a Unix socket (for external
 * organizers) and in-process (for the built-in one), the built-in organizer, and a supervisor per
 * external organizer. Sockets live in a private temporary directory (mode 0700): Unix socket paths
 * are limited to about 100 bytes, too short for an arbitrary data folder.
 */
final class OrganizerRuntime implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path socketDir;
    private final EventLoopGroup loop;
    private final io.grpc.Server hostOnSocket;
    private final io.grpc.Server hostInProcess;
    private final BuiltInOrganizer builtIn;
    private final List<ExternalOrganizer> externals;
    private final ScheduledExecutorService scheduler;

    private OrganizerRuntime(
            Path socketDir,
            EventLoopGroup loop,
            io.grpc.Server hostOnSocket,
            io.grpc.Server hostInProcess,
            BuiltInOrganizer builtIn,
            List<ExternalOrganizer> externals,
            ScheduledExecutorService scheduler) {
        this.socketDir = socketDir;
        this.loop = loop;
        this.hostOnSocket = hostOnSocket;
        this.hostInProcess = hostInProcess;
        this.builtIn = builtIn;
        this.externals = externals;
        this.scheduler = scheduler;
    }

    static OrganizerRuntime start(
            OrganizerSettings settings, HostServiceImpl host, Organizer defaultOrganizer, Path logDir) {
        HostAuth auth = new HostAuth();
        var service = ServerInterceptors.intercept(host, auth);
        Path socketDir;
        try {
            socketDir = Files.createTempDirectory("fw-org-");
            PrivateFiles.directories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the organizer sockets", e);
        }
        EventLoopGroup loop = new EpollEventLoopGroup(2);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "organizer-supervisor");
            t.setDaemon(true);
            return t;
        });
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Path hostSocket = socketDir.resolve("host.sock");
            io.grpc.Server onSocket = NettyServerBuilder.forAddress(new DomainSocketAddress(hostSocket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(loop)
                    .workerEventLoopGroup(loop)
                    .addService(service)
                    .build()
                    .start();
            opened.add(onSocket::shutdownNow);
            String hostName = "framewise-host-" + token();
            io.grpc.Server inProcess = InProcessServerBuilder.forName(hostName)
                    .addService(service)
                    .build()
                    .start();
            opened.add(inProcess::shutdownNow);
            String secret = token();
            auth.grant(secret, "folders");
            BuiltInOrganizer builtIn = new BuiltInOrganizer(
                    defaultOrganizer,
                    "framewise-organizer-" + token(),
                    InProcessChannelBuilder.forName(hostName).build(),
                    secret);
            opened.add(builtIn);
            List<ExternalOrganizer> externals = new ArrayList<>();
            for (int i = 0; i < settings.commands().size(); i++) {
                ExternalOrganizer ext = new ExternalOrganizer(
                        i + 1,
                        settings.commands().get(i),
                        socketDir,
                        hostSocket,
                        logDir.resolve("organizer-" + (i + 1) + ".log"),
                        auth,
                        settings.startTimeout(),
                        scheduler);
                externals.add(ext);
                opened.add(ext);
                ext.start();
            }
            externals.forEach(e -> e.awaitFirstAttempt(settings.startTimeout().plusSeconds(1)));
            return new OrganizerRuntime(
                    socketDir, loop, onSocket, inProcess, builtIn, List.copyOf(externals), scheduler);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            scheduler.shutdownNow();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            deleteQuietly(socketDir);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot serve the organizer host API", io);
            }
            throw (RuntimeException) e;
        }
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    BuiltInOrganizer builtIn() {
        return builtIn;
    }

    List<ExternalOrganizer> externals() {
        return externals;
    }

    /** The built-in organizer first, then the external ones in the order they were configured. */
    List<OrganizerPeer> peers() {
        List<OrganizerPeer> all = new ArrayList<>();
        all.add(builtIn);
        all.addAll(externals);
        return all;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        externals.forEach(ExternalOrganizer::close);
        builtIn.close();
        hostInProcess.shutdownNow();
        hostOnSocket.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        deleteQuietly(socketDir);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover empty directory in /tmp is harmless.
        }
    }
}
