package io.framewise.server.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder holds the database (password hashes, session and token hashes, the audit log)
 * and everyone's media: it is for the server's own user only. Folders are created {@code 0700} and
 * files {@code 0600} whatever the umask, and ones found looser at start are tightened, with a log
 * line saying so. On file systems without POSIX permissions these are plain creations.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {}

    /** Creates {@code dir} and missing parents owner-only ({@code 0700}), or tightens it when it exists. */
    public static Path directories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            tighten(dir);
            return dir;
        }
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
    }

    /** Creates an empty owner-only ({@code 0600}) file, or tightens {@code file} when it exists. */
    public static Path file(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            tighten(file);
            return file;
        }
        try {
            return posix(file.getParent())
                    ? Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE))
                    : Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            tighten(file);
            return file;
        }
    }

    /**
     * Makes the data folder and the folders directly in it owner-only, logging each one that was
     * looser (a folder made by an older version, or by hand). Deeper folders are out of others'
     * reach behind these.
     */
    public static void secureDataFolder(Path dataDir) throws IOException {
        directories(dataDir);
        try (Stream<Path> children = Files.list(dataDir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    tighten(child);
                }
            }
        }
    }

    /** Takes every group and others permission away from an existing file or folder (not a link's target). */
    public static void tighten(Path path) throws IOException {
        if (!posix(path) || Files.isSymbolicLink(path)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (now.stream().noneMatch(OTHERS::contains)) {
            return;
        }
        Set<PosixFilePermission> tight = EnumSet.copyOf(now);
        tight.removeAll(OTHERS);
        Files.setPosixFilePermissions(path, tight);
        LOG.warn(
                "Tightened the permissions of {} from {} to {}: the data folder is for the server's user only",
                path,
                PosixFilePermissions.toString(now),
                PosixFilePermissions.toString(tight));
    }

    private static boolean posix(Path near) {
        Path p = near == null ? Path.of("").toAbsolutePath() : near;
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
