package io.framewise.server.jobs;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;

/**
 * A unit of processing work in the persistent queue.
 *
 * @param mediaId the media item it works on, or {@code null} for library-wide work
 * @param attempts how many times it failed (or its worker vanished) so far
 * @param lastError the reason of the last failure, or {@code null}
 * @param priority higher runs first; equal priorities run oldest first
 * @param payloadJson step-specific parameters, or {@code null}
 * @param leaseOwner the worker running it, {@code null} unless running
 * @param leaseExpires when the worker's claim lapses unless extended, {@code null} unless running
 * @param leaseNode the server node whose worker runs it ({@code null} unless running, or when the
 *     claim named no node): that node resumes it at once when it starts again
 */
public record Job(
        String id,
        JobKind kind,
        String mediaId,
        JobState state,
        int attempts,
        String lastError,
        int priority,
        String payloadJson,
        Instant created,
        Instant started,
        Instant finished,
        String leaseOwner,
        Instant leaseExpires,
        String leaseNode) {

    /** Failures after which a job is failed for good. */
    public static final int MAX_ATTEMPTS = 3;

    /** The longest error kept; longer ones are cut. */
    public static final int MAX_ERROR = 2000;

    public Job {
        Ids.require("id", id);
        Require.present("kind", kind);
        Ids.optional("mediaId", mediaId);
        Require.present("state", state);
        Require.range("attempts", attempts, 0, Integer.MAX_VALUE);
        Require.optionalText("lastError", lastError, MAX_ERROR);
        Require.optionalText("payloadJson", payloadJson, 64 * 1024);
        Require.present("created", created);
        Require.optionalText("leaseOwner", leaseOwner, 200);
        Require.optionalText("leaseNode", leaseNode, 200);
    }
}
