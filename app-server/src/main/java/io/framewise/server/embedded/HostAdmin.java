package io.framewise.server.embedded;

/**
 * The admin account a hosted library is run by.
 *
 * @param id the account's id
 * @param name its login name
 * @param initialPassword the password it was created with just now, to be shown once; {@code null}
 *     when the account already existed
 */
public record HostAdmin(String id, String name, String initialPassword) {

    public boolean createdNow() {
        return initialPassword != null;
    }

    @Override
    public String toString() {
        // Keep the password out of logs and assertion messages.
        return "HostAdmin[id=" + id + ", name=" + name + ", createdNow=" + createdNow() + "]";
    }
}
