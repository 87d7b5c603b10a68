package io.framewise.server.access;

import java.util.Objects;

/**
 * The answer of the authorization point. {@link Outcome#HIDDEN} is a denial the client must not be
 * able to tell from "no such thing" (media and assets a user may not see answer 404, not 403).
 */
public record Decision(Outcome outcome, String reason) {

    public enum Outcome {
        ALLOW,
        /** Nobody is signed in and the action needs someone: 401. */
        UNAUTHENTICATED,
        /** Signed in but not allowed: 403. */
        DENY,
        /** Not allowed, and the resource's existence is not to be revealed: 404. */
        HIDDEN
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    public static Decision allow(String reason) {
        return new Decision(Outcome.ALLOW, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(Outcome.DENY, reason);
    }

    public static Decision hidden(String reason) {
        return new Decision(Outcome.HIDDEN, reason);
    }

    public static Decision unauthenticated() {
        return new Decision(Outcome.UNAUTHENTICATED, "sign in first");
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
