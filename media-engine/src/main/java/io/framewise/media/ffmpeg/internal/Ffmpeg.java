package io.framewise.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DEMUXER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENCODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PATCHWELCOME;

import io.framewise.media.MediaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;

/**
 * The one place that loads FFmpeg and turns its negative return codes into {@link MediaException}s
 * that name the file, the native call and FFmpeg's error string.
 */
public final class Ffmpeg {

    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int ENOSPC = 28;
    private static final int EAGAIN = 11;

    /** {@code AV_FRAME_FLAG_KEY}: these macros are not mapped by the Java presets. */
    public static final int FRAME_FLAG_KEY = 1 << 1;

    /** {@code AV_FRAME_FLAG_CORRUPT}. */
    public static final int FRAME_FLAG_CORRUPT = 1;

    private static volatile boolean initialised;

    private Ffmpeg() {}

    /** Loads the native libraries once and keeps FFmpeg's own logging to real errors. */
    public static void init() {
        if (!initialised) {
            synchronized (Ffmpeg.class) {
                if (!initialised) {
                    Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
                    Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
                    Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
                    Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
                    avutil.av_log_set_level(
                            Boolean.getBoolean("framewise.ffmpeg.verbose") ? avutil.AV_LOG_INFO : avutil.AV_LOG_QUIET);
                    initialised = true;
                }
            }
        }
    }

    /** FFmpeg's text for an error code, as {@code av_err2str} gives it. */
    public static String errorString(int code) {
        byte[] buf = new byte[256];
        if (avutil.av_strerror(code, buf, buf.length) < 0) {
            return "error " + code;
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Whether a return code means "no more data". */
    public static boolean isEof(int code) {
        return code == AVERROR_EOF;
    }

    /** Whether a return code means "send more input / read more output first". */
    public static boolean isAgain(int code) {
        return code == -EAGAIN;
    }

    /** Throws the fitting {@link MediaException} when {@code code} is negative; returns it otherwise. */
    public static int check(int code, String nativeCall, Path file) {
        if (code < 0) {
            throw readError(code, nativeCall, file);
        }
        return code;
    }

    /** The exception for a failed read-side call (opening, demuxing, decoding). */
    public static MediaException readError(int code, String nativeCall, Path file) {
        String text = errorString(code);
        if (code == -ENOENT || code == -EACCES) {
            return new MediaException.NotFound(file, "cannot open the file", nativeCall, code, text);
        }
        if (code == AVERROR_DEMUXER_NOT_FOUND
                || code == AVERROR_DECODER_NOT_FOUND
                || code == AVERROR_PATCHWELCOME
                || code == AVERROR_ENCODER_NOT_FOUND) {
            return new MediaException.Unsupported(file, "format or codec not supported", nativeCall, code, text);
        }
        if (code == AVERROR_INVALIDDATA || code == AVERROR_EOF) {
            return new MediaException.Corrupt(file, "not readable media", nativeCall, code, text);
        }
        return new MediaException.Corrupt(file, "reading failed", nativeCall, code, text);
    }

    /** Throws a {@link MediaException.WriteFailed} when a write-side call returned a negative code. */
    public static int checkWrite(int code, String nativeCall, Path file) {
        if (code < 0) {
            String reason = code == -ENOSPC ? "no space left on the device" : "writing failed";
            throw new MediaException.WriteFailed(file, reason, nativeCall, code, errorString(code));
        }
        return code;
    }

    /** The path of the bundled {@code ffmpeg} executable (unpacked on first use). */
    public static Path ffmpegExecutable() {
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    /** The path of the bundled {@code ffprobe} executable (unpacked on first use). */
    public static Path ffprobeExecutable() {
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
    }
}
