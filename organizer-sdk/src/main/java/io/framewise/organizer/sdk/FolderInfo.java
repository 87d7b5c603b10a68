package io.framewise.organizer.sdk;

/**
 * A stored folder.
 *
 * @param parentId empty at the project's top level
 */
public record FolderInfo(String id, String projectId, String parentId, String name, int position) {}
