package io.framewise.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.testing.SqliteOnly;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local user must not read the database (password and token hashes, the audit log) or the
 * media: the data folder and what the server makes in it are owner-only whatever the umask, and a
 * folder left readable by an older version or by hand is tightened at start.
 */
@Tag(SqliteOnly.TAG)
class PrivateDataFolderTest {

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static FramewiseServer start(Path data) {
        return FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1));
    }

    /** Every folder directly in the data folder, and the database files, that others can reach. */
    private static List<String> open(Path data) throws Exception {
        List<String> loose = new ArrayList<>();
        if (!mode(data).equals("rwx------")) {
            loose.add(data + " " + mode(data));
        }
        try (Stream<Path> children = Files.list(data)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                String m = mode(p);
                boolean ok = Files.isDirectory(p) ? m.equals("rwx------") : m.endsWith("------");
                if (!ok) {
                    loose.add(p.getFileName() + " " + m);
                }
            }
        }
        return loose;
    }

    @Test
    void aNewDataFolderAndItsDatabaseAreOwnerOnly(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("new").resolve("library");
        try (FramewiseServer server = start(data)) {
            // An upload makes the uploads and media folders as the server runs.
            HttpResponse<String> upload = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.baseUri().resolve("api/media?filename=notes.bin"))
                                    .POST(HttpRequest.BodyPublishers.ofString("not media, just bytes"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(201, upload.statusCode(), upload.body());
            assertEquals("rwx------", mode(data));
            assertEquals("rwx------", mode(data.getParent()), "a missing parent is made owner-only too");
            assertEquals("rw-------", mode(data.resolve("framewise.db")));
            assertEquals("rw-------", mode(data.resolve("framewise.db-wal")), "SQLite's WAL follows the database");
            assertEquals("rw-------", mode(data.resolve("framewise.db-shm")));
            assertEquals("rwx------", mode(data.resolve("media")));
            try (Stream<Path> items = Files.list(data.resolve("media"))) {
                for (Path item : (Iterable<Path>) items::iterator) {
                    assertEquals("rwx------", mode(item), item.toString());
                }
            }
            assertEquals(List.of(), open(data));
        }
    }

    @Test
    void aLooseDataFolderIsTightenedAtStart(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("library");
        start(data).close();
        Files.createDirectories(data.resolve("incoming"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("incoming"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(data.resolve("framewise.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Path wal = data.resolve("framewise.db-wal");
        if (!Files.exists(wal)) {
            Files.createFile(wal);
        }
        Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-rw-r--"));
        assertTrue(open(data).size() >= 3, open(data).toString());

        try (FramewiseServer server = start(data)) {
            assertEquals(List.of(), open(data));
            assertEquals("rw-------", mode(data.resolve("framewise.db")));
            assertEquals("rwx------", mode(data.resolve("incoming")));
        }
    }
}
