package io.framewise.organizer.sdk;

/**
 * A project: the top of a library tree.
 *
 * @param homeUserId the user whose home folders it holds, empty for a shared project
 */
public record ProjectInfo(String id, String name, String creatorUserId, String homeUserId) {

    public boolean isHome() {
        return !homeUserId.isEmpty();
    }
}
