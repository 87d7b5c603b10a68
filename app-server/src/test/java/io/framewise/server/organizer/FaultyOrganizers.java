package io.framewise.server.organizer;

import io.framewise.organizer.sdk.ApiVersion;
import io.framewise.organizer.sdk.Authorization;
import io.framewise.organizer.sdk.AuthorizeRequest;
import io.framewise.organizer.sdk.FolderPage;
import io.framewise.organizer.sdk.FolderRequest;
import io.framewise.organizer.sdk.Organizer;
import io.framewise.organizer.sdk.OrganizerInfo;
import io.framewise.organizer.sdk.OrganizerServer;
import io.framewise.organizer.wire.v1.AuthorizeResponse;
import io.framewise.organizer.wire.v1.GetOrganizerInfoRequest;
import io.framewise.organizer.wire.v1.Hook;
import io.framewise.organizer.wire.v1.ListFolderRequest;
import io.framewise.organizer.wire.v1.ListFolderResponse;
import io.framewise.organizer.wire.v1.OrganizerServiceGrpc;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;

/** Organizers that misbehave on purpose, each run as its own process by the fault tests. */
final class FaultyOrganizers {

    private FaultyOrganizers() {}

    /** Claims Authorize and ListFolder and never answers either. */
    public static final class Hanging implements Organizer {
        private final CountDownLatch never = new CountDownLatch(1);

        @Override
        public OrganizerInfo info() {
            return new OrganizerInfo("hanging", "1", "Never answers.");
        }

        @Override
        public Authorization authorize(AuthorizeRequest request) {
            hang();
            return Authorization.allow("unreachable");
        }

        @Override
        public FolderPage listFolder(FolderRequest request) {
            hang();
            return null;
        }

        private void hang() {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Claims Authorize and dies in the middle of answering it. */
    public static final class Exiting implements Organizer {
        @Override
        public OrganizerInfo info() {
            return new OrganizerInfo("exiting", "1", "Dies mid-call.");
        }

        @Override
        public Authorization authorize(AuthorizeRequest request) {
            Runtime.getRuntime().halt(3);
            return Authorization.allow("unreachable");
        }
    }

    /**
     * Speaks the wire protocol directly (no SDK to keep it honest) and answers nonsense: an
     * Authorize without a verdict and a folder page without a path. With argument {@code future}
     * it claims API 2.0 instead.
     */
    public static final class Malformed extends OrganizerServiceGrpc.OrganizerServiceImplBase {
        private final String apiVersion;

        Malformed(String apiVersion) {
            this.apiVersion = apiVersion;
        }

        public static void main(String[] args) throws Exception {
            String version =
                    args.length > 0 && args[0].equals("future") ? (ApiVersion.MAJOR + 1) + ".0" : ApiVersion.CURRENT;
            HealthStatusManager health = new HealthStatusManager();
            EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
            var server = NettyServerBuilder.forAddress(
                            new DomainSocketAddress(System.getenv(OrganizerServer.ENV_SOCKET)))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(loop)
                    .workerEventLoopGroup(loop)
                    .addService(new Malformed(version))
                    .addService(health.getHealthService())
                    .build()
                    .start();
            health.setStatus(OrganizerServer.HEALTH_SERVICE, ServingStatus.SERVING);
            server.awaitTermination();
        }

        @Override
        public void getOrganizerInfo(
                GetOrganizerInfoRequest request, StreamObserver<io.framewise.organizer.wire.v1.OrganizerInfo> out) {
            out.onNext(io.framewise.organizer.wire.v1.OrganizerInfo.newBuilder()
                    .setName("malformed")
                    .setVersion("0")
                    .setApiVersion(apiVersion)
                    .addHooks(Hook.HOOK_AUTHORIZE)
                    .addHooks(Hook.HOOK_LIST_FOLDER)
                    .build());
            out.onCompleted();
        }

        @Override
        public void authorize(
                io.framewise.organizer.wire.v1.AuthorizeRequest request, StreamObserver<AuthorizeResponse> out) {
            out.onNext(AuthorizeResponse.getDefaultInstance());
            out.onCompleted();
        }

        @Override
        public void listFolder(ListFolderRequest request, StreamObserver<ListFolderResponse> out) {
            out.onNext(ListFolderResponse.newBuilder().setTitle("no path").build());
            out.onCompleted();
        }
    }
}
