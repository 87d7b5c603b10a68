package io.framewise.organizer.sdk;

/**
 * A project member.
 *
 * @param role {@code owner}, {@code editor}, {@code reviewer} or {@code viewer}
 */
public record Member(String userId, String role) {}
