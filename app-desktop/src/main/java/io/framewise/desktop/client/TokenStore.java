package io.framewise.desktop.client;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Remembers one API token per server in a properties file that only the user can read (0600, in a
 * 0700 folder), written atomically so a crash never leaves half a file. Why a file and not the OS
 * keyring: docs/decisions/0015-desktop-token-storage.md.
 */
public final class TokenStore {

    private final Path file;

    public TokenStore(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/framewise/tokens.properties}, else {@code ~/.config/framewise/...}. */
    public static TokenStore forUser(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path dir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new TokenStore(dir.resolve("framewise").resolve("tokens.properties"));
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<String> token(String server) {
        return Optional.ofNullable(load().getProperty(key(server)));
    }

    public synchronized void put(String server, String token) {
        Properties p = load();
        p.setProperty(key(server), token);
        save(p);
    }

    public synchronized void remove(String server) {
        Properties p = load();
        if (p.remove(key(server)) != null) {
            save(p);
        }
    }

    private static String key(String server) {
        return server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the saved sign-ins in " + file, e);
            }
        }
        return p;
    }

    private void save(Properties p) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(
                            dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix) {
                Files.createFile(
                        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Framewise desktop: API tokens per server. Keep private.");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the sign-in in " + file, e);
        }
    }
}
