package io.framewise.server.imports.clapshot;

/** The Clapshot data cannot be imported at all (missing, not Clapshot's, an unsupported version). */
public final class ClapshotImportException extends RuntimeException {

    public ClapshotImportException(String message) {
        super(message);
    }

    public ClapshotImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
