package io.framewise.organizer.sdk;

import java.util.Objects;

/** An organizer's opinion in an access decision, with the reason the audit log keeps. */
public record Authorization(Verdict verdict, String reason) {

    public enum Verdict {
        /** Allow, even where the project roles would refuse. */
        ALLOW,
        /** Deny; wins over everything. */
        DENY,
        /** Leave it to the roles and the other organizers. */
        NO_OPINION
    }

    public Authorization {
        Objects.requireNonNull(verdict, "verdict");
        reason = Objects.requireNonNullElse(reason, "");
    }

    public static Authorization allow(String reason) {
        return new Authorization(Verdict.ALLOW, reason);
    }

    public static Authorization deny(String reason) {
        return new Authorization(Verdict.DENY, reason);
    }

    public static Authorization noOpinion() {
        return new Authorization(Verdict.NO_OPINION, "");
    }
}
