package io.framewise.server.ingest;

import io.framewise.media.MediaException;
import io.framewise.media.sequence.ImageSequences;
import io.framewise.model.time.FrameRate;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/** The small rules image sequences share between uploads and the watched folder. */
final class SequenceFolders {

    /** Frame rates outside this range are typing mistakes, not footage. */
    static final double MIN_FPS = 1;

    static final double MAX_FPS = 240;

    private SequenceFolders() {}

    /** The rate a client asked for ({@code 25}, {@code 23.976}, {@code 24000/1001}), 24 when none. */
    static FrameRate rate(String text) {
        if (text == null || text.isBlank()) {
            return ImageSequences.DEFAULT_RATE;
        }
        FrameRate rate;
        try {
            rate = FrameRate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(
                    "'rate' must be a frame rate like 24, 23.976 or 24000/1001",
                    Map.of("rate", text.length() > 40 ? text.substring(0, 40) : text),
                    null);
        }
        if (rate.fps() < MIN_FPS || rate.fps() > MAX_FPS) {
            throw new ApiException.BadRequest(
                    "'rate' must lie between 1 and 240 frames per second", Map.of("rate", text), null);
        }
        return rate;
    }

    /** The rate a dropped folder's name carries after an '@' ({@code shot_v003@25}), else 24. */
    static FrameRate rateOfFolder(String name) {
        int at = name.lastIndexOf('@');
        return at < 0 ? ImageSequences.DEFAULT_RATE : rate(name.substring(at + 1));
    }

    /** The reason without the server's own paths in it. */
    static String reason(MediaException e) {
        return e.file().map(f -> e.getMessage().replace(f + ": ", "")).orElse(e.getMessage());
    }

    /** Moves a folder in one rename (uploads, the watched folder and the library share the data folder). */
    static void moveFolder(Path source, Path target) throws IOException {
        PrivateFiles.directories(target.getParent());
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        MediaFiles.syncDir(target.getParent());
    }

    /** The SHA-256 over the sequence's files in number order: each name, then its bytes. */
    static String digest(Path folder, ImageSequences.Scan scan) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[256 * 1024];
        for (long n : scan.numbers()) {
            String name = String.format(java.util.Locale.ROOT, scan.pattern(), n);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(folder.resolve(name))) {
                for (int k; (k = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, k);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The bytes of all files in the folder. */
    static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            long total = 0;
            for (Path p : files.toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }
}
