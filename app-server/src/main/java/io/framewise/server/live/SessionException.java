package io.framewise.server.live;

/**
 * A live-session request that cannot be carried out: not allowed, out of range or aimed at a
 * session or member that does not exist. The code is stable and machine-readable (clients branch
 * on it); the message is for people.
 */
public final class SessionException extends RuntimeException {

    private final String code;

    public SessionException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
