package io.framewise.server.ingest;

import io.framewise.media.MediaException;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.sequence.ImageSequences;
import io.framewise.model.media.MediaInfo;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.filing.WatchedFolderFiling;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.upload.FileNames;
import io.framewise.server.upload.ReceivedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop folder {@code <data>/incoming}: a file copied there is taken into the library once its
 * size and modification time stayed the same over {@value #STABLE_POLLS} polls (a copy in progress
 * keeps changing both). Hidden files and folders (a leading dot, as copy tools use for partial files)
 * are left alone. Files in subfolders (up to {@value #MAX_DEPTH} deep) are taken too and filed by the
 * folders they sit in (see {@link io.framewise.server.filing.WatchedFolderFiling}); the folders stay
 * for the next drop. A folder holding numbered images ({@code shot_v003/shot_v003.1001.exr} ...) is an
 * image sequence instead: it is taken whole, filed by the folders above it, once its listing stayed the
 * same over as many polls, so a sequence still being copied is not cut short.
 *
 * <p>At intake the file is probed. One that cannot be opened as media (not media, truncated beyond
 * reading, no video and no audio) goes to {@code <data>/rejected/} with {@code <name>.reason.txt}
 * beside it and never enters the library. One that opens is handed to {@link IngestService} and leaves
 * the folder; if its processing fails later, it stays in the library as a {@code failed} item with
 * the reason, and is not copied to {@code rejected} (the library keeps the only copy).
 */
public final class WatchedFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedFolder.class);

    static final int STABLE_POLLS = 2;
    static final int MAX_DEPTH = 8;
    static final String REASON_SUFFIX = ".reason.txt";

    private final Path incoming;
    private final Path rejected;
    private final IngestService ingest;
    private final Duration poll;
    private final Map<Path, Seen> seen = new HashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private Thread thread;

    private record Seen(long size, long modified, int stablePolls) {}

    public WatchedFolder(Path incoming, Path rejected, IngestService ingest, Duration poll) {
        this.incoming = incoming;
        this.rejected = rejected;
        this.ingest = ingest;
        this.poll = poll;
    }

    public Path incoming() {
        return incoming;
    }

    public Path rejected() {
        return rejected;
    }

    /** Creates the folders and starts polling on a daemon thread. */
    public synchronized void start() throws IOException {
        if (thread != null) {
            return;
        }
        PrivateFiles.directories(incoming);
        PrivateFiles.directories(rejected);
        thread = new Thread(this::loop, "watched-folder");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Watching {} for new media", incoming);
    }

    private void loop() {
        try {
            do {
                try {
                    pollOnce();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Watched folder poll failed", e);
                }
            } while (!stop.await(poll.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One look at the folder: takes the files that stopped changing. */
    void pollOnce() throws IOException {
        Map<Path, Seen> now = new HashMap<>();
        scan(incoming, 0, now);
        seen.keySet().retainAll(now.keySet());
        seen.putAll(now);
        for (Map.Entry<Path, Seen> e : Set.copyOf(now.entrySet())) {
            if (stop.getCount() == 0) {
                return;
            }
            if (e.getValue().stablePolls() >= STABLE_POLLS) {
                seen.remove(e.getKey());
                take(e.getKey());
            }
        }
    }

    /** Notes the files of {@code folder} and, below {@value #MAX_DEPTH}, of its subfolders. */
    private void scan(Path folder, int depth, Map<Path, Seen> now) throws IOException {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path file : dir) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    // Links are not followed: a link out of incoming must not pull in other files.
                    attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException gone) {
                    continue;
                }
                if (attrs.isDirectory() && isSequenceFolder(file)) {
                    // A folder of numbered images: its listing (names, sizes, times) must stop changing.
                    Optional<long[]> listing = listing(file);
                    if (listing.isPresent()) {
                        Seen before = seen.get(file);
                        long size = listing.get()[0];
                        long modified = listing.get()[1];
                        int stable = before != null && before.size() == size && before.modified() == modified
                                ? before.stablePolls() + 1
                                : 0;
                        now.put(file, new Seen(size, modified, stable));
                    }
                    continue;
                }
                if (attrs.isDirectory()) {
                    if (depth < MAX_DEPTH) {
                        try {
                            scan(file, depth + 1, now);
                        } catch (IOException gone) {
                            // Removed or renamed while we looked: the next poll sees what is there.
                        }
                    }
                    continue;
                }
                if (!attrs.isRegularFile()) {
                    continue;
                }
                Seen before = seen.get(file);
                long modified = attrs.lastModifiedTime().toMillis();
                int stable = before != null && before.size() == attrs.size() && before.modified() == modified
                        ? before.stablePolls() + 1
                        : 0;
                now.put(file, new Seen(attrs.size(), modified, stable));
            }
        }
    }

    /**
     * Whether a folder is an image sequence rather than a folder to file into: it holds numbered
     * image files ({@code name.1001.exr}, {@code name_0001.png}) and no subfolders. Anything else in
     * it then makes the sequence scan reject the folder whole, with the reason.
     */
    private static boolean isSequenceFolder(Path folder) {
        boolean numbered = false;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                int dot = name.lastIndexOf('.');
                if (ImageSequences.isImageName(name) && dot > 0 && Character.isDigit(name.charAt(dot - 1))) {
                    numbered = true;
                }
            }
        } catch (IOException gone) {
            return false;
        }
        return numbered;
    }

    /**
     * A folder's listing as two numbers that change when it does: its total bytes, and a hash of every
     * entry's name, size and modification time. Empty when the folder is empty or gone.
     */
    private static Optional<long[]> listing(Path folder) {
        long bytes = 0;
        long hash = 17;
        int entries = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path p : dir) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                bytes += a.size();
                // Order-independent: the directory stream's order is not guaranteed between polls.
                hash += mix(p.getFileName().toString().hashCode() * 31L
                        + a.size() * 1_000_003L
                        + a.lastModifiedTime().toMillis());
                entries++;
            }
        } catch (IOException gone) {
            return Optional.empty();
        }
        return entries == 0 ? Optional.empty() : Optional.of(new long[] {bytes, hash + entries});
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93e185a87d3L;
        return z ^ (z >>> 33);
    }

    /** The folder names between {@code incoming} and the file. */
    private List<String> dirsOf(Path file) {
        List<String> dirs = new ArrayList<>();
        Path parent = incoming.relativize(file).getParent();
        if (parent != null) {
            parent.forEach(p -> dirs.add(p.toString()));
        }
        return dirs;
    }

    private void take(Path file) {
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            takeSequence(file);
            return;
        }
        String name = file.getFileName().toString();
        String reason;
        try {
            MediaInfo info = MediaProbe.probe(file);
            if (info.video().isEmpty() && info.audio().isEmpty()) {
                reason = "the file has neither video nor audio";
            } else {
                ingest.dropped(
                        new ReceivedFile(
                                file, name, FileNames.sanitize(name), Files.size(file), MediaFiles.sha256(file)),
                        dirsOf(file));
                LOG.info("Took '{}' from the watched folder", name);
                return;
            }
        } catch (WatchedFolderFiling.Refused e) {
            reason = e.getMessage();
        } catch (MediaException e) {
            reason = e.file().map(f -> e.getMessage().replace(f + ": ", "")).orElse(e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(file)) {
                return;
            }
            reason = "could not be taken into the library: " + e.getMessage();
        }
        reject(file, reason);
    }

    /**
     * A folder that stopped growing: its numbered images become one item, at the rate its name carries
     * after an '@' ({@code shot_v003@25}), else 24. A folder that is not one sequence goes to {@code
     * rejected} whole, with the reason beside it.
     */
    private void takeSequence(Path folder) {
        String name = folder.getFileName().toString();
        String reason;
        try {
            // The rate after '@' is a setting, not part of the shot's name.
            int at = name.lastIndexOf('@');
            String shown = at > 0 ? name.substring(0, at) : name;
            ingest.droppedSequence(folder, shown, SequenceFolders.rateOfFolder(name), dirsOf(folder));
            LOG.info("Took the image sequence '{}' from the watched folder", name);
            return;
        } catch (ApiException | WatchedFolderFiling.Refused e) {
            reason = e.getMessage();
        } catch (MediaException e) {
            reason = SequenceFolders.reason(e);
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(folder)) {
                return;
            }
            reason = "could not be taken into the library: " + e.getMessage();
        }
        reject(folder, reason);
    }

    private void reject(Path file, String reason) {
        String name = file.getFileName().toString();
        try {
            Path target = rejected.resolve(name);
            for (int i = 1; Files.exists(target) || Files.exists(reasonFile(target)); i++) {
                target = rejected.resolve(i + "-" + name);
            }
            Files.writeString(reasonFile(target), reason + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(file, target);
            LOG.info("Rejected '{}' from the watched folder: {}", name, reason);
        } catch (IOException e) {
            LOG.warn("Could not move rejected '{}' to {}", name, rejected, e);
        }
    }

    private static Path reasonFile(Path target) {
        return target.resolveSibling(target.getFileName() + REASON_SUFFIX);
    }

    @Override
    public void close() {
        stop.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
