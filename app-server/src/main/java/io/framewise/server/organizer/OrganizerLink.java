package io.framewise.server.organizer;

import io.framewise.organizer.sdk.ApiVersion;
import io.framewise.organizer.sdk.OrganizerServer;
import io.framewise.organizer.wire.v1.GetOrganizerInfoRequest;
import io.framewise.organizer.wire.v1.Hook;
import io.framewise.organizer.wire.v1.OrganizerInfo;
import io.framewise.organizer.wire.v1.OrganizerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A connected organizer: its channel and what it said about itself at the handshake. Every call
 * through it carries a deadline.
 */
final class OrganizerLink implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final ManagedChannel channel;
    private final OrganizerInfo info;
    private final Set<Hook> hooks;

    private OrganizerLink(ManagedChannel channel, OrganizerInfo info) {
        this.channel = channel;
        this.info = info;
        Set<Hook> claimed = EnumSet.noneOf(Hook.class);
        info.getHooksList().stream()
                .filter(h -> h != Hook.HOOK_UNSPECIFIED && h != Hook.UNRECOGNIZED)
                .forEach(claimed::add);
        this.hooks = Set.copyOf(claimed);
    }

    /** The organizer refused, or speaks, another major API version: restarting will not help. */
    static final class Incompatible extends Exception {
        Incompatible(String message) {
            super(message);
        }
    }

    /** It did not come up properly (no health, no answer, a malformed introduction). */
    static final class NotReady extends Exception {
        NotReady(String message) {
            super(message);
        }
    }

    /**
     * Waits for the organizer's health service to say SERVING, then asks who it is.
     *
     * @param alive false once the organizer's process is gone, to stop waiting early
     */
    static OrganizerLink handshake(ManagedChannel channel, Duration timeout, BooleanSupplier alive)
            throws Incompatible, NotReady, InterruptedException {
        Instant until = Instant.now().plus(timeout);
        String lastProblem = "no answer";
        while (true) {
            if (!alive.getAsBoolean()) {
                throw new NotReady("the organizer exited before it was ready (" + lastProblem + ")");
            }
            try {
                ServingStatus status = HealthGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                        .check(HealthCheckRequest.newBuilder()
                                .setService(OrganizerServer.HEALTH_SERVICE)
                                .build())
                        .getStatus();
                if (status == ServingStatus.SERVING) {
                    break;
                }
                lastProblem = "health " + status;
            } catch (StatusRuntimeException e) {
                lastProblem = e.getStatus().getCode() + " " + e.getStatus().getDescription();
            }
            if (Instant.now().isAfter(until)) {
                throw new NotReady(
                        "the organizer was not serving within " + timeout.toSeconds() + " s (" + lastProblem + ")");
            }
            channel.getState(true);
            Thread.sleep(50);
        }
        OrganizerInfo info;
        try {
            info = OrganizerServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getOrganizerInfo(GetOrganizerInfoRequest.newBuilder()
                            .setApiVersion(ApiVersion.CURRENT)
                            .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                throw new Incompatible(e.getStatus().getDescription());
            }
            throw new NotReady("GetOrganizerInfo failed: " + e.getStatus());
        }
        String refusal = ApiVersion.mismatch("organizer", info.getApiVersion());
        if (refusal != null) {
            throw new Incompatible("refused organizer " + info.getName() + ": " + refusal);
        }
        if (!NAME.matcher(info.getName()).matches()) {
            throw new NotReady(
                    "the organizer's name is not 1 to 63 lower-case letters, digits or '-': '" + info.getName() + "'");
        }
        return new OrganizerLink(channel, info);
    }

    /** An in-process organizer: no health wait needed beyond the introduction. */
    static OrganizerLink inProcess(ManagedChannel channel) {
        try {
            return handshake(channel, Duration.ofSeconds(10), () -> true);
        } catch (Incompatible | NotReady e) {
            throw new IllegalStateException("the built-in organizer did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the built-in organizer", e);
        }
    }

    OrganizerInfo info() {
        return info;
    }

    String name() {
        return info.getName();
    }

    boolean claims(Hook hook) {
        return hooks.contains(hook);
    }

    Set<Hook> hooks() {
        return hooks;
    }

    OrganizerServiceGrpc.OrganizerServiceBlockingStub stub(Duration deadline) {
        return OrganizerServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
