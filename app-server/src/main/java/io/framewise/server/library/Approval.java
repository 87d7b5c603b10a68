package io.framewise.server.library;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;

/** The current decision on a version: who decided what, when. */
public record Approval(String versionId, ApprovalStatus status, String decidedBy, Instant decidedAt) {

    public Approval {
        Ids.require("versionId", versionId);
        Require.present("status", status);
        Ids.require("decidedBy", decidedBy);
        Require.present("decidedAt", decidedAt);
    }
}
