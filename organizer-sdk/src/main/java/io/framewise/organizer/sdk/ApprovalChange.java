package io.framewise.organizer.sdk;

/**
 * A version's approval changed.
 *
 * @param status {@code needs_review}, {@code changes_requested} or {@code approved}
 */
public record ApprovalChange(String assetId, int versionNumber, String status, Principal decidedBy) {}
