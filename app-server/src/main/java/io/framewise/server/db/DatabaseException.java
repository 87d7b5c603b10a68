package io.framewise.server.db;

/** The database could not be opened or used; the message says which file and why. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
