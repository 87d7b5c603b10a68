package io.framewise.organizer.sdk;

/** A project: the top of a library tree. */
public record ProjectInfo(String id, String name, String creatorUserId) {}
