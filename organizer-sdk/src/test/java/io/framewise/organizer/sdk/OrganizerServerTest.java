package io.framewise.organizer.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.organizer.wire.v1.GetMediaRequest;
import io.framewise.organizer.wire.v1.GetOrganizerInfoRequest;
import io.framewise.organizer.wire.v1.HostServiceGrpc;
import io.framewise.organizer.wire.v1.ListFolderRequest;
import io.framewise.organizer.wire.v1.Media;
import io.framewise.organizer.wire.v1.OrganizerServiceGrpc;
import io.framewise.organizer.wire.v1.RunActionRequest;
import io.framewise.organizer.wire.v1.Verdict;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's side of the wire: hooks claimed from overrides, version refusal, statuses for the SDK's
 * exceptions, and host calls carrying the handshake secret. Real gRPC, in-process transport.
 */
class OrganizerServerTest {

    /** Claims Authorize and RunAction only; asks the host about media to decide. */
    static final class Probe implements Organizer {
        private Host host;

        @Override
        public OrganizerInfo info() {
            return new OrganizerInfo(
                    "probe", "7", "Test organizer.", List.of(new ActionDefinition("boom", "Boom", "", "")));
        }

        @Override
        public void start(Host newHost) {
            host = newHost;
        }

        @Override
        public Authorization authorize(AuthorizeRequest request) {
            if (request.resource().is("asset")) {
                throw new OrganizerException.Forbidden("assets are off limits");
            }
            MediaInfo media = host.getMedia(request.resource().id())
                    .orElseThrow(() -> new OrganizerException.NotFound("no media"));
            return media.originalName().startsWith("secret")
                    ? Authorization.deny("secret file " + media.originalName())
                    : Authorization.noOpinion();
        }

        @Override
        public ActionResult runAction(ActionRequest request) {
            throw new IllegalStateException("kaboom");
        }
    }

    private final List<String> hostAuthorizations = new CopyOnWriteArrayList<>();
    private Server host;
    private ManagedChannel hostChannel;
    private OrganizerServer organizer;
    private ManagedChannel organizerChannel;
    private OrganizerServiceGrpc.OrganizerServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                hostAuthorizations.add(headers.get(GrpcHost.AUTHORIZATION));
                return next.startCall(call, headers);
            }
        };
        HostServiceGrpc.HostServiceImplBase fakeHost = new HostServiceGrpc.HostServiceImplBase() {
            @Override
            public void getMedia(GetMediaRequest request, StreamObserver<Media> out) {
                if (request.getMediaId().equals("missing")) {
                    out.onError(
                            Status.NOT_FOUND.withDescription("no such media").asRuntimeException());
                    return;
                }
                out.onNext(Media.newBuilder()
                        .setId(request.getMediaId())
                        .setOriginalName(request.getMediaId() + ".mov")
                        .build());
                out.onCompleted();
            }
        };
        host = InProcessServerBuilder.forName("test-host")
                .addService(ServerInterceptors.intercept(fakeHost, recordAuthorization))
                .build()
                .start();
        hostChannel = InProcessChannelBuilder.forName("test-host").build();
        organizer = OrganizerServer.inProcess(new Probe(), "test-organizer", hostChannel, "s3cret");
        organizerChannel = InProcessChannelBuilder.forName("test-organizer").build();
        stub = OrganizerServiceGrpc.newBlockingStub(organizerChannel);
    }

    @AfterEach
    void stop() {
        organizerChannel.shutdownNow();
        organizer.close();
        hostChannel.shutdownNow();
        host.shutdownNow();
    }

    @Test
    void introducesItselfWithTheHooksItOverrides() {
        var info = stub.getOrganizerInfo(
                GetOrganizerInfoRequest.newBuilder().setApiVersion("1.4").build());
        assertEquals("probe", info.getName());
        assertEquals("7", info.getVersion());
        assertEquals(ApiVersion.CURRENT, info.getApiVersion());
        assertEquals(
                List.of(
                        io.framewise.organizer.wire.v1.Hook.HOOK_AUTHORIZE,
                        io.framewise.organizer.wire.v1.Hook.HOOK_RUN_ACTION),
                info.getHooksList().stream().sorted().toList());
        assertEquals("boom", info.getActions(0).getId());
    }

    @Test
    void refusesAnotherMajorVersionWithASentence() {
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class,
                () -> stub.getOrganizerInfo(GetOrganizerInfoRequest.newBuilder()
                        .setApiVersion("2.0")
                        .build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(
                e.getStatus().getDescription().contains("speaks API 2.0"),
                e.getStatus().getDescription());
        assertTrue(
                e.getStatus().getDescription().contains("upgrade"),
                e.getStatus().getDescription());
    }

    @Test
    void hooksAnswerThroughTheHostWithTheSecret() {
        var denied = stub.authorize(request("media", "secret-cut"));
        assertEquals(Verdict.VERDICT_DENY, denied.getVerdict());
        assertEquals("secret file secret-cut.mov", denied.getReason());
        assertEquals(
                Verdict.VERDICT_NO_OPINION,
                stub.authorize(request("media", "dailies")).getVerdict());
        assertEquals(List.of("Bearer s3cret", "Bearer s3cret"), hostAuthorizations);
    }

    @Test
    void exceptionsBecomeStatuses() {
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> stub.authorize(request("asset", "a1"))));
        // The host said NOT_FOUND: getMedia is empty, and the organizer answers NOT_FOUND itself.
        assertEquals(Status.Code.NOT_FOUND, code(() -> stub.authorize(request("media", "missing"))));
        assertEquals(
                Status.Code.UNIMPLEMENTED,
                code(() -> stub.listFolder(
                        ListFolderRequest.newBuilder().setPath("/").build())));
        assertEquals(
                Status.Code.INTERNAL,
                code(() -> stub.runAction(
                        RunActionRequest.newBuilder().setActionId("boom").build())));
    }

    private static io.framewise.organizer.wire.v1.AuthorizeRequest request(String type, String id) {
        return io.framewise.organizer.wire.v1.AuthorizeRequest.newBuilder()
                .setAction("media_view")
                .setResource(io.framewise.organizer.wire.v1.ResourceRef.newBuilder()
                        .setType(type)
                        .setId(id))
                .build();
    }

    private static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    @Test
    void versionsCompareByMajorNumber() {
        assertEquals(null, ApiVersion.mismatch("server", "1.9"));
        assertTrue(ApiVersion.mismatch("server", "").contains("no version"));
        assertEquals(-1, ApiVersion.majorOf("x.1"));
    }
}
