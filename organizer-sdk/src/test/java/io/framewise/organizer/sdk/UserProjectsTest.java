package io.framewise.organizer.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.organizer.wire.v1.HostServiceGrpc;
import io.framewise.organizer.wire.v1.ListProjectMembersRequest;
import io.framewise.organizer.wire.v1.ListProjectMembersResponse;
import io.framewise.organizer.wire.v1.ListProjectsRequest;
import io.framewise.organizer.wire.v1.ListProjectsResponse;
import io.framewise.organizer.wire.v1.ListUserProjectsRequest;
import io.framewise.organizer.wire.v1.ListUserProjectsResponse;
import io.framewise.organizer.wire.v1.Project;
import io.framewise.organizer.wire.v1.ProjectMember;
import io.framewise.organizer.wire.v1.ProjectRole;
import io.framewise.organizer.wire.v1.UserProject;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link Host#listUserProjects}: one ListUserProjects call to a host of API 1.1, and the same answer
 * from a 1.0 host (which has no such call) by asking every project for its members. Real gRPC,
 * in-process transport.
 */
class UserProjectsTest {

    /** Three projects; "ana" is owner of p1 and viewer of p3, "bo" editor of p2. */
    private static final Map<String, Map<String, ProjectRole>> MEMBERS = Map.of(
            "p1", Map.of("ana", ProjectRole.PROJECT_ROLE_OWNER),
            "p2", Map.of("bo", ProjectRole.PROJECT_ROLE_EDITOR),
            "p3", Map.of("ana", ProjectRole.PROJECT_ROLE_VIEWER, "bo", ProjectRole.PROJECT_ROLE_REVIEWER));

    private static Project project(String id) {
        return Project.newBuilder().setId(id).setName("Project " + id).build();
    }

    /** A host of API 1.0: projects and their members, no ListUserProjects. */
    static class OldHost extends HostServiceGrpc.HostServiceImplBase {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void listProjects(ListProjectsRequest r, StreamObserver<ListProjectsResponse> out) {
            calls.add("ListProjects");
            out.onNext(ListProjectsResponse.newBuilder()
                    .addProjects(project("p1"))
                    .addProjects(project("p2"))
                    .addProjects(project("p3"))
                    .build());
            out.onCompleted();
        }

        @Override
        public void listProjectMembers(ListProjectMembersRequest r, StreamObserver<ListProjectMembersResponse> out) {
            calls.add("ListProjectMembers");
            var reply = ListProjectMembersResponse.newBuilder();
            MEMBERS.get(r.getProjectId())
                    .forEach((user, role) -> reply.addMembers(
                            ProjectMember.newBuilder().setUserId(user).setRole(role)));
            out.onNext(reply.build());
            out.onCompleted();
        }
    }

    /** A host of API 1.1: answers ListUserProjects itself. */
    static final class NewHost extends OldHost {
        @Override
        public void listUserProjects(ListUserProjectsRequest r, StreamObserver<ListUserProjectsResponse> out) {
            calls.add("ListUserProjects");
            var reply = ListUserProjectsResponse.newBuilder();
            for (String id : List.of("p1", "p2", "p3")) {
                ProjectRole role = MEMBERS.get(id).get(r.getUserId());
                if (role != null) {
                    reply.addProjects(
                            UserProject.newBuilder().setProject(project(id)).setRole(role));
                }
            }
            out.onNext(reply.build());
            out.onCompleted();
        }
    }

    private static List<String> ask(OldHost fake, String name, String user) throws Exception {
        Server server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(fake)
                .build()
                .start();
        ManagedChannel channel =
                InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            GrpcHost host = new GrpcHost(channel, "s3cret");
            List<String> first = host.listUserProjects(user).stream()
                    .map(p -> p.project().id() + ":" + p.role())
                    .toList();
            // Asked twice: an old host is found out once, not on every call.
            assertEquals(
                    first,
                    host.listUserProjects(user).stream()
                            .map(p -> p.project().id() + ":" + p.role())
                            .toList());
            return first;
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    @Test
    void aNewHostAnswersInOneCall() throws Exception {
        NewHost fake = new NewHost();
        assertEquals(List.of("p1:owner", "p3:viewer"), ask(fake, "new-host", "ana"));
        assertEquals(List.of("ListUserProjects", "ListUserProjects"), fake.calls);
        assertEquals(List.of(), ask(new NewHost(), "new-host-2", "nobody"));
    }

    @Test
    void anOldHostGivesTheSameAnswerProjectByProject() throws Exception {
        OldHost fake = new OldHost();
        assertEquals(List.of("p1:owner", "p3:viewer"), ask(fake, "old-host", "ana"));
        assertEquals(
                List.of(
                        "ListProjects",
                        "ListProjectMembers",
                        "ListProjectMembers",
                        "ListProjectMembers",
                        "ListProjects",
                        "ListProjectMembers",
                        "ListProjectMembers",
                        "ListProjectMembers"),
                fake.calls);
        assertEquals(List.of("p2:editor", "p3:reviewer"), ask(new OldHost(), "old-host-2", "bo"));
    }
}
