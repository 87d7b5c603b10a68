package io.framewise.server.organizer;

import io.framewise.organizer.sdk.Organizer;
import io.framewise.organizer.sdk.OrganizerServer;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An organizer running inside the server (the default folders organizer), served over gRPC's
 * in-process transport through the same SDK and API as external ones.
 */
final class BuiltInOrganizer implements OrganizerPeer, AutoCloseable {

    private final OrganizerServer server;
    private final ManagedChannel host;
    private final OrganizerLink link;
    private final Instant since = Instant.now();
    private volatile String lastError;

    BuiltInOrganizer(Organizer organizer, String channelName, ManagedChannel host, String secret) {
        this.host = host;
        this.server = OrganizerServer.inProcess(organizer, channelName, host, secret);
        this.link = OrganizerLink.inProcess(
                InProcessChannelBuilder.forName(channelName).directExecutor().build());
    }

    @Override
    public String name() {
        return link.name();
    }

    @Override
    public Optional<OrganizerLink> link() {
        return Optional.of(link);
    }

    @Override
    public boolean mayAuthorize() {
        return link.claims(io.framewise.organizer.wire.v1.Hook.HOOK_AUTHORIZE);
    }

    @Override
    public void callFailed(String why) {
        lastError = why;
    }

    @Override
    public void callSucceeded() {}

    @Override
    public OrganizerStatus status() {
        return new OrganizerStatus(
                link.name(),
                "running",
                true,
                List.of(),
                link.info().getVersion(),
                link.info().getApiVersion(),
                ExternalOrganizer.hooksOf(link),
                0,
                lastError,
                since);
    }

    @Override
    public void close() {
        link.close();
        server.close();
        host.shutdownNow();
    }
}
