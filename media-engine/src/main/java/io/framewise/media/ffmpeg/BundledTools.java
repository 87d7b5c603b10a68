package io.framewise.media.ffmpeg;

import io.framewise.media.ffmpeg.internal.Ffmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ffmpeg} and {@code ffprobe} executables bundled with the engine's FFmpeg build, for the
 * few jobs done out of process (demo media, reference outputs in tests).
 */
public final class BundledTools {

    private BundledTools() {}

    /** The path of the bundled {@code ffmpeg} executable (unpacked on first use). */
    public static Path ffmpeg() {
        return Ffmpeg.ffmpegExecutable();
    }

    /** The path of the bundled {@code ffprobe} executable (unpacked on first use). */
    public static Path ffprobe() {
        return Ffmpeg.ffprobeExecutable();
    }

    /**
     * A process builder for a bundled executable, with the library path its shared libraries need:
     * they sit beside it, and it carries no run path of its own.
     */
    public static ProcessBuilder processBuilder(Path executable, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String dir = executable.toAbsolutePath().getParent().toString();
        String existing = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", existing == null || existing.isEmpty() ? dir : dir + ":" + existing);
        return pb;
    }

    /**
     * Runs a bundled executable to completion within {@code timeout}; throws an {@link
     * IllegalStateException} carrying the command and its output when it fails or takes too long.
     */
    public static void runToCompletion(ProcessBuilder pb, Duration timeout) {
        String cmd = String.join(" ", pb.command());
        try {
            Path log = Files.createTempFile("framewise-tool", ".log");
            try {
                Process p = pb.redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s: " + cmd);
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("exit " + p.exitValue() + ": " + cmd + "\n"
                            + Files.readString(log, StandardCharsets.UTF_8).strip());
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + cmd, e);
        }
    }
}
