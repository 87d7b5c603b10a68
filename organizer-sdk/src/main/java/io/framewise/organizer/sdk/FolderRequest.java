package io.framewise.organizer.sdk;

/**
 * A request for the page of a folder path.
 *
 * @param path "/" for the root, e.g. {@code /projects/P1/F7}
 * @param pageSize the most entries to return, 0 for the organizer's default
 * @param pageToken from a previous page's {@link FolderPage#nextPageToken()}, empty for the first
 */
public record FolderRequest(Principal principal, String path, int pageSize, String pageToken) {}
