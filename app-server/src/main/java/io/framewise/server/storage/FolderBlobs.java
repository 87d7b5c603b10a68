package io.framewise.server.storage;

import io.framewise.server.db.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A store in a folder that several nodes see (a shared disk, an NFS or SMB mount): the data folder's
 * layout under another root. Writes go to a hidden part file and are renamed into place, so a node
 * reading the store sees a whole file or none.
 */
final class FolderBlobs implements Blobs {

    private final Path root;

    FolderBlobs(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        PrivateFiles.directories(this.root);
    }

    Path root() {
        return root;
    }

    private Path at(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("store key leaves the store: " + key);
        }
        return p;
    }

    @Override
    public StoredObject stat(String key) throws IOException {
        Path p = at(key);
        try {
            if (!Files.isRegularFile(p)) {
                return null;
            }
            return new StoredObject(
                    key, Files.size(p), Files.getLastModifiedTime(p).toInstant());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = at(key);
        PrivateFiles.directories(target.getParent());
        Path part = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public boolean get(String key, Path target) throws IOException {
        Path source = at(key);
        if (!Files.isRegularFile(source)) {
            return false;
        }
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (NoSuchFileException e) {
            // Deleted between the look and the copy: the item was removed meanwhile.
            return false;
        }
    }

    @Override
    public InputStream range(String key, long from, long to) throws IOException {
        Path source = at(key);
        FileChannel ch;
        try {
            ch = FileChannel.open(source, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        ch.position(from);
        InputStream in = Channels.newInputStream(ch);
        return new BoundedInput(in, to - from + 1);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path dir = at(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !(name.startsWith(".") && name.endsWith(".part"))) {
                    keys.add(root.relativize(p).toString().replace('\\', '/'));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return keys;
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path dir = at(prefix);
        for (int attempt = 1; Files.exists(dir); attempt++) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (NoSuchFileException e) {
                // Another node removing the same item: gone either way.
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(at(key));
    }

    @Override
    public void close() {}
}
