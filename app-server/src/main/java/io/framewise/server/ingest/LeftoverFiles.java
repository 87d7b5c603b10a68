package io.framewise.server.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temporary files a killed server left in its data folder. Everything the server writes
 * goes to a temporary name first and is renamed into place when complete, so after a crash (kill -9,
 * power cut) the only debris is temporary files nobody will ever finish:
 *
 * <ul>
 *   <li>{@code <data>/uploads/*.part}: plain and multipart upload bodies being received; the client
 *       never got its 201, so nothing acknowledged is lost;
 *   <li>{@code <data>/media/<id>/.<name>.<random>.part} (and in the item's {@code stills} folder):
 *       proxies, frame maps, posters, sprites, waveforms and stills being written; the job that wrote
 *       them runs again from its start and writes a new one;
 *   <li>{@code <data>/media/<id>/.hls.<random>.part/}: an HLS ladder being written, with the
 *       temporary files in it.
 * </ul>
 *
 * <p>Only files last modified before {@code startedAt} are removed, so a sweep can run while this
 * server already serves and writes its own temporary files. Resumable (tus) uploads are not touched:
 * their partial data is what a client resumes from.
 */
public final class LeftoverFiles {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverFiles.class);

    private LeftoverFiles() {}

    /** Removes the leftovers under {@code dataDir} older than {@code startedAt}; returns what was removed. */
    public static List<Path> sweep(Path dataDir, Instant startedAt) {
        List<Path> removed = new ArrayList<>();
        sweepFolder(dataDir.resolve("uploads"), 1, startedAt, removed);
        // media/<id>/<file> and media/<id>/stills/<file>
        sweepFolder(dataDir.resolve("media"), 3, startedAt, removed);
        if (!removed.isEmpty()) {
            LOG.info("Removed {} temporary file(s) an earlier run left unfinished", removed.size());
        }
        return removed;
    }

    private static void sweepFolder(Path dir, int depth, Instant startedAt, List<Path> removed) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.find(dir, depth, (p, attrs) -> isLeftover(p, attrs, startedAt))) {
            candidates = files.toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            // A folder vanishing under the walk (an item deleted meanwhile) must not stop the start.
            LOG.warn("Could not look for leftover temporary files in {}: {}", dir, e.toString());
            return;
        }
        // Deepest first, so a temporary folder (an HLS ladder being written) is empty when its turn comes.
        candidates = candidates.stream()
                .sorted(java.util.Comparator.comparingInt(Path::getNameCount).reversed())
                .toList();
        for (Path p : candidates) {
            try {
                if (Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            } catch (NoSuchFileException e) {
                // Gone already.
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                LOG.warn("Left the temporary folder {}: it holds files that are not temporary", p);
            } catch (IOException e) {
                LOG.warn("Could not remove the leftover temporary file {}: {}", p, e.toString());
            }
        }
    }

    private static boolean isLeftover(Path p, BasicFileAttributes attrs, Instant startedAt) {
        return (attrs.isRegularFile() || attrs.isDirectory())
                && p.getFileName().toString().endsWith(".part")
                && attrs.lastModifiedTime().toInstant().isBefore(startedAt);
    }
}
