package io.framewise.server.access;

import java.util.Objects;

/**
 * A voice in an authorization decision on top of the role policy: an organizer plugin's
 * {@code Authorize} hook is one. A rule that denies wins over the roles; one that allows can open
 * access the roles would refuse (a studio's own sharing rules); no opinion leaves the roles to
 * decide. A rule that cannot answer (crashed, timed out) must answer {@link Opinion#deny} itself:
 * access fails closed.
 */
@FunctionalInterface
public interface AccessRule {

    Opinion decide(Principal principal, Action action, Resource resource);

    /**
     * Whether the rule may have an opinion now. One that surely has none (an organizer that does not
     * claim {@code Authorize}) leaves lists to the roles, which the database can then apply at once.
     */
    default boolean takesPart() {
        return true;
    }

    record Opinion(Verdict verdict, String reason) {
        public enum Verdict {
            ALLOW,
            DENY,
            NO_OPINION
        }

        public Opinion {
            Objects.requireNonNull(verdict, "verdict");
            reason = reason == null ? "" : reason;
        }

        public static Opinion allow(String reason) {
            return new Opinion(Verdict.ALLOW, reason);
        }

        public static Opinion deny(String reason) {
            return new Opinion(Verdict.DENY, reason);
        }

        public static Opinion none() {
            return new Opinion(Verdict.NO_OPINION, "");
        }
    }
}
