package io.framewise.server.library;

import java.util.Locale;

/** A reviewer's decision on a version. Stored and sent as the lowercase name. */
public enum ApprovalStatus {
    NEEDS_REVIEW,
    CHANGES_REQUESTED,
    APPROVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApprovalStatus fromWire(String text) {
        for (ApprovalStatus s : values()) {
            if (s.wire().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be needs_review, changes_requested or approved, got " + text);
    }
}
