package io.framewise.media;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Why the engine could not do what was asked with a media file. The message always names the file,
 * and where FFmpeg said no, the native call and FFmpeg's own error string, so that a log line or a
 * CLI error is enough to understand the failure without a stack trace.
 */
public abstract sealed class MediaException extends RuntimeException
        permits MediaException.NotFound,
                MediaException.Unsupported,
                MediaException.Corrupt,
                MediaException.Cancelled,
                MediaException.WriteFailed {

    private final transient Path file;
    private final String nativeCall;
    private final int errorCode;

    protected MediaException(Path file, String reason, String nativeCall, int errorCode, String ffmpegError) {
        super(describe(file, reason, nativeCall, ffmpegError));
        this.file = file;
        this.nativeCall = nativeCall;
        this.errorCode = errorCode;
    }

    private static String describe(Path file, String reason, String nativeCall, String ffmpegError) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(": ");
        }
        sb.append(reason);
        if (nativeCall != null) {
            sb.append(" (").append(nativeCall);
            if (ffmpegError != null && !ffmpegError.isBlank()) {
                sb.append(": ").append(ffmpegError);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** The file the failure is about, when there is one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The FFmpeg function that failed, when the failure came from FFmpeg. */
    public Optional<String> nativeCall() {
        return Optional.ofNullable(nativeCall);
    }

    /** FFmpeg's negative error code, or 0 when the failure did not come from FFmpeg. */
    public int errorCode() {
        return errorCode;
    }

    /** The file does not exist or cannot be opened for reading. */
    public static final class NotFound extends MediaException {
        public NotFound(Path file, String reason, String nativeCall, int errorCode, String ffmpegError) {
            super(file, reason, nativeCall, errorCode, ffmpegError);
        }

        public NotFound(Path file, String reason) {
            this(file, reason, null, 0, null);
        }
    }

    /** The file is readable but holds something the engine does not handle (no video, unknown codec). */
    public static final class Unsupported extends MediaException {
        public Unsupported(Path file, String reason, String nativeCall, int errorCode, String ffmpegError) {
            super(file, reason, nativeCall, errorCode, ffmpegError);
        }

        public Unsupported(Path file, String reason) {
            this(file, reason, null, 0, null);
        }
    }

    /** The file is damaged, truncated or not media at all. */
    public static final class Corrupt extends MediaException {
        public Corrupt(Path file, String reason, String nativeCall, int errorCode, String ffmpegError) {
            super(file, reason, nativeCall, errorCode, ffmpegError);
        }

        public Corrupt(Path file, String reason) {
            this(file, reason, null, 0, null);
        }
    }

    /** The caller cancelled the work; partial output has been removed. */
    public static final class Cancelled extends MediaException {
        public Cancelled(Path file, String reason) {
            super(file, reason, null, 0, null);
        }
    }

    /** Output could not be written (disk full, no permission, encoder refused the settings). */
    public static final class WriteFailed extends MediaException {
        public WriteFailed(Path file, String reason, String nativeCall, int errorCode, String ffmpegError) {
            super(file, reason, nativeCall, errorCode, ffmpegError);
        }

        public WriteFailed(Path file, String reason) {
            this(file, reason, null, 0, null);
        }
    }
}
