package io.framewise.server.ingest;

import io.framewise.media.sequence.ImageSequences;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks an uploaded zip or tar of numbered image files into one flat folder, as hostile input: an
 * entry that climbs out ({@code ../}, an absolute path, a drive letter), a link, a device, more than
 * {@code maxEntries} entries or more than {@code maxBytes} unpacked (counted as written, not as the
 * archive claims: a zip bomb lies) is refused with a clear 4xx and nothing stays behind. Folders in
 * the archive are flattened only when all the images sit in the same one; hidden files and the
 * {@code __MACOSX} folder a Mac adds are skipped. Whether the names form one sequence is checked
 * after, by {@link ImageSequences#scan}.
 */
final class SequenceArchive {

    private final int maxEntries;
    private final long maxBytes;

    SequenceArchive(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Whether an upload of this name is an archive to unpack as an image sequence. */
    static boolean isArchive(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".zip") || lower.endsWith(".tar");
    }

    /** Unpacks {@code archive} (named {@code name}) into the new folder {@code target}. */
    void expand(Path archive, String name, Path target) throws IOException {
        PrivateFiles.directories(target);
        Unpacked state = new Unpacked(target);
        try {
            if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                expandZip(archive, state);
            } else {
                expandTar(archive, state);
            }
            if (state.files == 0) {
                throw new ApiException.Invalid("The archive holds no image files", Map.of("name", name));
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(target);
            throw e;
        }
    }

    private void expandZip(Path archive, Unpacked state) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(archive).get();
        } catch (IOException e) {
            throw new ApiException.Invalid("The upload is not a readable zip archive: " + e.getMessage());
        }
        try (zip) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isUnixSymlink()) {
                    throw refused(entry.getName(), "is a link; only plain image files are taken");
                }
                String base = state.accept(entry, maxEntries);
                if (base != null) {
                    try (InputStream in = open(zip, entry)) {
                        state.write(base, in, maxBytes);
                    }
                }
            }
        }
    }

    private static InputStream open(ZipFile zip, ZipArchiveEntry entry) {
        try {
            return zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw refused(entry.getName(), "cannot be unpacked: " + e.getMessage());
        }
    }

    private void expandTar(Path archive, Unpacked state) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
            for (TarArchiveEntry entry; (entry = nextTar(tar)) != null; ) {
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw refused(entry.getName(), "is a link; only plain image files are taken");
                }
                if (!entry.isDirectory() && !entry.isFile()) {
                    throw refused(entry.getName(), "is not a plain file");
                }
                String base = state.accept(entry, maxEntries);
                if (base != null) {
                    state.write(base, tar, maxBytes);
                }
            }
        }
    }

    private static TarArchiveEntry nextTar(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw new ApiException.Invalid("The upload is not a readable tar archive: " + e.getMessage());
        }
    }

    private static ApiException refused(String entry, String why) {
        String shown = entry.length() > 200 ? entry.substring(0, 200) + "..." : entry;
        return new ApiException.Invalid("Archive entry '" + shown + "' " + why, Map.of("entry", shown));
    }

    /** What has been unpacked so far: counts, the one folder the images sit in. */
    private static final class Unpacked {
        final Path target;
        int entries;
        int files;
        long bytes;
        String folder;

        Unpacked(Path target) {
            this.target = target;
        }

        /** The file name to write the entry as, or null when it is skipped; refuses unsafe entries. */
        String accept(ArchiveEntry entry, int maxEntries) {
            if (++entries > maxEntries) {
                throw new ApiException.Invalid(
                        "The archive holds more than " + maxEntries + " entries", Map.of("maxEntries", maxEntries));
            }
            String name = entry.getName();
            if (name.isEmpty()
                    || name.startsWith("/")
                    || name.contains("\\")
                    || name.contains(":")
                    || name.indexOf('\0') >= 0) {
                throw refused(name, "has an unsafe path");
            }
            String[] parts = name.split("/");
            for (String part : parts) {
                if (part.equals("..") || part.equals(".")) {
                    throw refused(name, "has an unsafe path");
                }
            }
            if (entry.isDirectory()) {
                return null;
            }
            String base = parts[parts.length - 1];
            String dir = name.substring(0, name.length() - base.length());
            if (base.length() > 200) {
                throw refused(name, "has a file name longer than 200 characters");
            }
            if (base.startsWith(".") || dir.startsWith("__MACOSX/")) {
                return null;
            }
            if (!ImageSequences.isImageName(base)) {
                throw refused(name, "is not a DPX, EXR, TIFF, PNG or JPEG file");
            }
            if (folder == null) {
                folder = dir;
            } else if (!folder.equals(dir)) {
                throw refused(name, "lies in another folder than '" + folder + "': one sequence per archive");
            }
            return base;
        }

        /** Reads on; a truncated or damaged entry is the archive's fault (422), not the server's. */
        private static int read(String base, InputStream in, byte[] buf) {
            try {
                return in.read(buf);
            } catch (IOException | RuntimeException e) {
                throw refused(base, "cannot be unpacked: " + e.getMessage());
            }
        }

        void write(String base, InputStream in, long maxBytes) throws IOException {
            Path file = target.resolve(base);
            byte[] buf = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                for (int n; (n = read(base, in, buf)) >= 0; ) {
                    bytes += n;
                    if (bytes > maxBytes) {
                        throw new ApiException.PayloadTooLarge(
                                "The archive unpacks to more than " + maxBytes + " bytes", maxBytes);
                    }
                    out.write(buf, 0, n);
                }
            } catch (FileAlreadyExistsException e) {
                throw refused(base, "is in the archive twice");
            }
            files++;
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Best effort: what is left is under the uploads folder and not referenced by anything.
        }
    }
}
