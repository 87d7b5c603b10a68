package io.framewise.server.architecture;

import io.framewise.server.architecture.ArchitectureRules.AllowedEdge;
import java.util.List;

/**
 * The dependencies between feature packages that still close a cycle, each with why it is there.
 * Ignoring an edge ignores every dependency along it, so keep the list short: a cycle that does not
 * run through one of these fails the build. Remove an edge once its cycle is gone.
 */
final class AllowedEdges {

    static final List<AllowedEdge> SERVER = List.of(
            new AllowedEdge(
                    "access",
                    "auth",
                    "Access runs authentication (Authenticator, ClientAddress) whose answer is access's Principal"),
            new AllowedEdge(
                    "audit",
                    "access",
                    "the audit log's routes are authorized by Access, which itself writes the audit log"));

    private AllowedEdges() {}
}
