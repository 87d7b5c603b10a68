package io.framewise.server.organizer;

import io.framewise.organizer.sdk.OrganizerServer;
import io.framewise.organizer.wire.v1.Hook;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one external organizer and keeps it running: starts the process with its socket and a
 * fresh one-time secret, shakes hands, and restarts it with exponential backoff when it exits,
 * fails to come up, or fails {@value #FAILURES_BEFORE_RESTART} calls in a row (a hung organizer
 * keeps answering health checks; its calls time out). An incompatible API version stops it for good.
 */
final class ExternalOrganizer implements OrganizerPeer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalOrganizer.class);
    static final int FAILURES_BEFORE_RESTART = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int index;
    private final List<String> command;
    private final Path socketDir;
    private final Path hostSocket;
    private final Path logFile;
    private final HostAuth auth;
    private final Duration startTimeout;
    private final ScheduledExecutorService scheduler;

    private String state = "starting";
    private String name;
    private OrganizerLink link;
    private Process process;
    private String secret;
    private int restarts;
    private int generation;
    private int consecutiveFailures;
    private String lastError;
    private Instant since = Instant.now();
    private Instant runningSince;
    private Duration backoff = FIRST_BACKOFF;
    private boolean everConnected;
    private boolean lastClaimedAuthorize;
    private boolean killedOnPurpose;
    private boolean closed;
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();

    ExternalOrganizer(
            int index,
            List<String> command,
            Path socketDir,
            Path hostSocket,
            Path logFile,
            HostAuth auth,
            Duration startTimeout,
            ScheduledExecutorService scheduler) {
        this.index = index;
        this.command = List.copyOf(command);
        this.socketDir = socketDir;
        this.hostSocket = hostSocket;
        this.logFile = logFile;
        this.auth = auth;
        this.startTimeout = startTimeout;
        this.scheduler = scheduler;
        String program = Path.of(command.get(0)).getFileName().toString();
        this.name = "organizer-" + index + " (" + program + ")";
    }

    /** Starts the process and shakes hands on a scheduler thread. */
    void start() {
        scheduler.execute(this::launch);
    }

    /** Waits until the first start attempt succeeded or failed (or the time is up). */
    void awaitFirstAttempt(Duration timeout) {
        try {
            firstAttempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("organizer {} is still not up after {} s", name(), timeout.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void launch() {
        try {
            attempt();
        } finally {
            firstAttempt.complete(null);
        }
    }

    private void attempt() {
        Process started;
        Path socket;
        String newSecret;
        int gen;
        synchronized (this) {
            if (closed) {
                return;
            }
            state = "starting";
            since = Instant.now();
            gen = ++generation;
            socket = socketDir.resolve("org-" + index + "-" + gen + ".sock");
            newSecret = newSecret();
            auth.grant(newSecret, name);
            secret = newSecret;
            try {
                Files.deleteIfExists(socket);
                ProcessBuilder pb = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                pb.environment().put(OrganizerServer.ENV_SOCKET, socket.toString());
                pb.environment().put(OrganizerServer.ENV_HOST_SOCKET, hostSocket.toString());
                pb.environment().put(OrganizerServer.ENV_SECRET, newSecret);
                started = pb.start();
                process = started;
            } catch (IOException e) {
                failStart("cannot start " + String.join(" ", command) + ": " + e.getMessage());
                return;
            }
        }
        started.onExit().thenRun(() -> exited(started));
        ManagedChannel channel = Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create())
                .build();
        try {
            OrganizerLink connected = OrganizerLink.handshake(channel, startTimeout, started::isAlive);
            synchronized (this) {
                if (closed || process != started) {
                    connected.close();
                    return;
                }
                auth.revoke(newSecret);
                name = connected.name();
                auth.grant(newSecret, name);
                link = connected;
                state = "running";
                since = Instant.now();
                runningSince = since;
                consecutiveFailures = 0;
                everConnected = true;
                lastClaimedAuthorize = connected.claims(Hook.HOOK_AUTHORIZE);
            }
            LOG.info(
                    "organizer {} {} is running (hooks {})",
                    connected.name(),
                    connected.info().getVersion(),
                    hooksOf(connected));
        } catch (OrganizerLink.Incompatible e) {
            channel.shutdownNow();
            synchronized (this) {
                state = "failed";
                lastError = e.getMessage();
                since = Instant.now();
                closed = true;
            }
            LOG.error("organizer {} stopped for good: {}", name, e.getMessage());
            started.destroyForcibly();
        } catch (OrganizerLink.NotReady e) {
            channel.shutdownNow();
            LOG.warn("organizer {} did not start: {}", name, e.getMessage());
            synchronized (this) {
                lastError = e.getMessage();
            }
            started.destroyForcibly();
        } catch (InterruptedException e) {
            channel.shutdownNow();
            started.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void failStart(String why) {
        LOG.warn("organizer {}: {}", name, why);
        lastError = why;
        scheduleRestart();
    }

    private void exited(Process which) {
        synchronized (this) {
            if (process != which) {
                return;
            }
            if (link != null) {
                link.close();
                link = null;
            }
            auth.revoke(secret);
            process = null;
            if (closed) {
                if (!state.equals("failed")) {
                    state = "stopped";
                }
                return;
            }
            if (!killedOnPurpose) {
                lastError = "exited with status " + which.exitValue();
            }
            killedOnPurpose = false;
            LOG.warn("organizer {} stopped ({}); restarting in {} ms", name, lastError, backoff.toMillis());
            scheduleRestart();
        }
    }

    private void scheduleRestart() {
        state = "restarting";
        since = Instant.now();
        if (runningSince != null
                && Duration.between(runningSince, Instant.now()).compareTo(STABLE) > 0) {
            backoff = FIRST_BACKOFF;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        runningSince = null;
        restarts++;
        scheduler.schedule(this::launch, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized String name() {
        return name;
    }

    @Override
    public synchronized Optional<OrganizerLink> link() {
        return Optional.ofNullable(link);
    }

    @Override
    public synchronized boolean mayAuthorize() {
        return link != null ? link.claims(Hook.HOOK_AUTHORIZE) : !everConnected || lastClaimedAuthorize;
    }

    @Override
    public void callFailed(String why) {
        Process victim = null;
        synchronized (this) {
            lastError = why;
            consecutiveFailures++;
            if (consecutiveFailures >= FAILURES_BEFORE_RESTART && process != null) {
                LOG.warn(
                        "organizer {} failed {} calls in a row ({}); killing it to restart",
                        name,
                        consecutiveFailures,
                        why);
                lastError = "restarted after " + consecutiveFailures + " failed calls in a row; the last: " + why;
                killedOnPurpose = true;
                consecutiveFailures = 0;
                victim = process;
            }
        }
        if (victim != null) {
            victim.destroyForcibly();
        }
    }

    @Override
    public synchronized void callSucceeded() {
        consecutiveFailures = 0;
    }

    @Override
    public synchronized OrganizerStatus status() {
        return new OrganizerStatus(
                name,
                state,
                false,
                command,
                link == null ? "" : link.info().getVersion(),
                link == null ? "" : link.info().getApiVersion(),
                link == null ? List.of() : hooksOf(link),
                restarts,
                lastError,
                since);
    }

    static List<String> hooksOf(OrganizerLink link) {
        return link.hooks().stream()
                .map(h -> h.name().substring("HOOK_".length()).toLowerCase(Locale.ROOT))
                .sorted()
                .toList();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        Process victim;
        synchronized (this) {
            closed = true;
            victim = process;
            if (link != null) {
                link.close();
                link = null;
            }
            if (!state.equals("failed")) {
                state = "stopped";
            }
        }
        if (victim != null) {
            victim.destroy();
            try {
                if (!victim.waitFor(2, TimeUnit.SECONDS)) {
                    victim.destroyForcibly();
                }
            } catch (InterruptedException e) {
                victim.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
