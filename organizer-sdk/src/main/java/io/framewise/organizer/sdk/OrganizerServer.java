package io.framewise.organizer.sdk;

import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Serves an {@link Organizer}: the gRPC server on the Unix socket the Framewise server chose, the
 * standard gRPC health service, and the client back to the server's host API.
 *
 * <p>The handshake: the server starts the organizer's process with three environment variables,
 * {@value #ENV_SOCKET} (where to serve), {@value #ENV_HOST_SOCKET} (where the server's host API
 * listens) and {@value #ENV_SECRET} (the one-time secret that authenticates the organizer's calls
 * back; environment, not arguments, so it never shows in a process list). The server waits for the
 * health service to say SERVING, then asks {@code GetOrganizerInfo}; both sides refuse a different
 * major API version there.
 */
public final class OrganizerServer implements AutoCloseable {

    public static final String ENV_SOCKET = "FRAMEWISE_ORGANIZER_SOCKET";
    public static final String ENV_HOST_SOCKET = "FRAMEWISE_HOST_SOCKET";
    public static final String ENV_SECRET = "FRAMEWISE_ORGANIZER_SECRET";
    /** The health service name organizers report under (the empty name reports too). */
    public static final String HEALTH_SERVICE = "framewise.organizer.v1.OrganizerService";

    private final Server server;
    private final ManagedChannel hostChannel;
    private final EventLoopGroup loop;

    private OrganizerServer(Server server, ManagedChannel hostChannel, EventLoopGroup loop) {
        this.server = server;
        this.hostChannel = hostChannel;
        this.loop = loop;
    }

    /**
     * Runs the organizer until the process is told to stop: call it from {@code main}. Reads the
     * handshake from the environment; {@code --socket PATH} and {@code --host-socket PATH} in
     * {@code args} override the paths (the secret only comes from the environment).
     */
    public static void serve(Organizer organizer, String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        String socket = option(args, "--socket", env.get(ENV_SOCKET));
        String hostSocket = option(args, "--host-socket", env.get(ENV_HOST_SOCKET));
        String secret = env.get(ENV_SECRET);
        if (socket == null || hostSocket == null || secret == null || secret.isEmpty()) {
            throw new IllegalStateException("an organizer is started by the Framewise server, which sets "
                    + ENV_SOCKET + ", " + ENV_HOST_SOCKET + " and " + ENV_SECRET
                    + " (run it with: framewise server --organizer \"COMMAND ARGS\")");
        }
        OrganizerServer running = onSocket(organizer, Path.of(socket), Path.of(hostSocket), secret);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "organizer-shutdown"));
        // A server killed outright cannot stop its organizers: they stop when it is gone.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        running.server.awaitTermination();
    }

    /** Starts serving on a Unix socket and returns at once. */
    public static OrganizerServer onSocket(Organizer organizer, Path socket, Path hostSocket, String secret) {
        ManagedChannel host = Grpc.newChannelBuilder("unix://" + hostSocket, InsecureChannelCredentials.create())
                .build();
        EventLoopGroup loop = new EpollEventLoopGroup(2);
        try {
            Files.deleteIfExists(socket);
            organizer.start(new GrpcHost(host, secret));
            HealthStatusManager health = new HealthStatusManager();
            Server server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(loop)
                    .workerEventLoopGroup(loop)
                    .addService(new OrganizerAdapter(organizer))
                    .addService(health.getHealthService())
                    .build()
                    .start();
            health.setStatus(HEALTH_SERVICE, ServingStatus.SERVING);
            return new OrganizerServer(server, host, loop);
        } catch (IOException e) {
            host.shutdownNow();
            loop.shutdownGracefully();
            throw new UncheckedIOException("cannot serve the organizer on " + socket, e);
        } catch (RuntimeException e) {
            host.shutdownNow();
            loop.shutdownGracefully();
            throw e;
        }
    }

    /**
     * Serves an organizer inside the calling process over gRPC's in-process transport, the very
     * API external organizers serve (the server runs its default organizer this way).
     *
     * @param name the in-process server name the caller will connect to
     * @param host the channel to the host API
     * @param secret the credentials for calls to the host
     */
    public static OrganizerServer inProcess(Organizer organizer, String name, Channel host, String secret) {
        organizer.start(new GrpcHost(host, secret));
        HealthStatusManager health = new HealthStatusManager();
        try {
            Server server = InProcessServerBuilder.forName(name)
                    .addService(new OrganizerAdapter(organizer))
                    .addService(health.getHealthService())
                    .build()
                    .start();
            health.setStatus(HEALTH_SERVICE, ServingStatus.SERVING);
            return new OrganizerServer(server, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the organizer in process as " + name, e);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (hostChannel != null) {
            hostChannel.shutdownNow();
        }
        if (loop != null) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
