package io.framewise.organizer.sdk;

/** A user account. */
public record UserInfo(String id, String name, String displayName, boolean admin) {}
