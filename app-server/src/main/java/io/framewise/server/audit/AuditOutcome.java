package io.framewise.server.audit;

import java.util.Locale;

/** How the audited attempt ended; stored in lower case ({@code success}, {@code denied}, {@code failed}). */
public enum AuditOutcome {
    /** The action happened. */
    SUCCESS,
    /** The action was refused: wrong password, missing permission, rate limit. */
    DENIED,
    /** The action was allowed but did not complete (an error on our side or bad input). */
    FAILED;

    /** The stored form. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome stored as {@code code}. */
    public static AuditOutcome fromCode(String code) {
        for (AuditOutcome o : values()) {
            if (o.code().equals(code)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown audit outcome '" + code + "' (known: success, denied, failed)");
    }
}
