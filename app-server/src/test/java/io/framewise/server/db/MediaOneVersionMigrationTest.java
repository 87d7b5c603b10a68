package io.framewise.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.library.Asset;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.library.MediaAlreadyFiledException;
import io.framewise.server.testing.SqliteOnly;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V6 on a real SQLite file that already holds a media item in several versions (from
 * the filing attack, or a client that filed twice): the database is built at V5 with that data, then
 * opened the way the server opens it.
 */
@Tag(SqliteOnly.TAG)
class MediaOneVersionMigrationTest {

    private final String alice = Ids.newId();
    private final String bob = Ids.newId();
    private final String show = Ids.newId();
    private final String bobsHome = Ids.newId();
    private final String shot = Ids.newId();
    private final String alt = Ids.newId();
    private final String stolen = Ids.newId();
    private final String media = Ids.newId();
    private final String twin = Ids.newId();
    private final String single = Ids.newId();

    @Test
    void theEarliestVersionOfEachMediaStaysAndTheDatabaseRefusesASecond(@TempDir Path data) throws Exception {
        Path file = data.resolve(Database.FILE_NAME);
        String url = "jdbc:sqlite:" + file;
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .target("5")
                .load()
                .migrate();
        // Two ids for the same instant, so the tie is broken by id.
        String tieFirst = Ids.newId();
        String tieSecond = Ids.newId();
        if (tieFirst.compareTo(tieSecond) > 0) {
            String t = tieFirst;
            tieFirst = tieSecond;
            tieSecond = t;
        }
        String original = Ids.newId();
        String copy = Ids.newId();
        String singleVersion = Ids.newId();
        String note = Ids.newId();
        try (Connection c = DriverManager.getConnection(url)) {
            exec(c, "INSERT INTO users (id, name, display_name, created_at) VALUES (?, 'alice', 'Alice', 1)", alice);
            exec(c, "INSERT INTO users (id, name, display_name, created_at) VALUES (?, 'bob', 'Bob', 1)", bob);
            exec(c, "INSERT INTO projects (id, name, created_by, created_at) VALUES (?, 'Show', ?, 1)", show, alice);
            exec(
                    c,
                    "INSERT INTO projects (id, name, created_by, created_at) VALUES (?, 'Home of Bob', ?, 1)",
                    bobsHome,
                    bob);
            exec(c, "INSERT INTO home_projects (user_id, project_id) VALUES (?, ?)", bob, bobsHome);
            for (String m : List.of(media, twin, single)) {
                exec(
                        c,
                        "INSERT INTO media_items (id, original_name, stored_path, size_bytes, status, created_at,"
                                + " updated_at, uploaded_by) VALUES (?, 'a.mov', 'media/a.mov', 1, 'ready', 1, 1, ?)",
                        m,
                        alice);
            }
            for (String[] a : new String[][] {{shot, show}, {alt, show}, {stolen, bobsHome}}) {
                exec(
                        c,
                        "INSERT INTO assets (id, project_id, title, created_by, created_at) VALUES (?, ?, 'A', ?, 1)",
                        a[0],
                        a[1],
                        alice);
            }
            exec(c, "INSERT INTO asset_tags (asset_id, tag) VALUES (?, 'mine')", stolen);
            // The project's media, then the same media filed into Bob's home later.
            version(c, original, shot, 1, media, 1000);
            version(c, copy, stolen, 1, media, 2000);
            // One media item in two assets of the same project at the same instant.
            version(c, tieSecond, alt, 1, twin, 1500);
            version(c, tieFirst, shot, 2, twin, 1500);
            version(c, singleVersion, alt, 2, single, 1600);
            exec(c, "INSERT INTO approvals VALUES (?, 'approved', ?, 3000)", original, alice);
            exec(c, "INSERT INTO approvals VALUES (?, 'approved', ?, 3000)", copy, bob);
            exec(c, "INSERT INTO approvals VALUES (?, 'changes_requested', ?, 3000)", tieSecond, alice);
            exec(
                    c,
                    "INSERT INTO notes (id, media_id, frame, body, author_id, created_at) VALUES (?, ?, 3, 'keep',"
                            + " ?, 4000)",
                    note,
                    media,
                    alice);
        }

        try (Database db = Database.open(data)) {
            try (Connection c = DriverManager.getConnection(url)) {
                assertEquals(
                        List.of(original + " " + shot, tieFirst + " " + shot, singleVersion + " " + alt),
                        rows(c, "SELECT id || ' ' || asset_id FROM asset_versions ORDER BY created_at, id"));
                assertEquals(List.of(original), rows(c, "SELECT version_id FROM approvals ORDER BY version_id"));
                assertEquals(List.of(note), rows(c, "SELECT id FROM notes"));
                // The asset that lost its only version stays, with its tags, for its owner to tidy up.
                assertEquals(List.of("mine"), rows(c, "SELECT tag FROM asset_tags WHERE asset_id = '" + stolen + "'"));
                assertEquals(3, rows(c, "SELECT id FROM assets").size());
                // V6 ran (and every later migration after it).
                assertTrue(Integer.parseInt(rows(
                                        c,
                                        "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")
                                .get(0))
                        >= 6);
                // The database itself refuses a media item in a second version.
                SQLException refused =
                        assertThrows(SQLException.class, () -> version(c, Ids.newId(), stolen, 1, media, 5000));
                assertTrue(refused.getMessage().contains("UNIQUE"), refused.getMessage());
            }
            JooqAssetRepository assets = new JooqAssetRepository(db);
            MediaAlreadyFiledException e =
                    assertThrows(MediaAlreadyFiledException.class, () -> assets.addVersion(stolen, media));
            assertEquals(shot, e.assetId());
            assertEquals(Optional.of(shot), assets.assetOfMedia(media));
            // Filing it into a new asset fails as a whole: no empty asset is left behind.
            int before = assets.list(bobsHome, null).size();
            assertThrows(
                    MediaAlreadyFiledException.class,
                    () -> assets.createWithFirstVersion(bobsHome, null, "Again", bob, media));
            assertEquals(before, assets.list(bobsHome, null).size());
            Asset fresh = assets.create(show, null, "Fresh", alice);
            String unfiled = Ids.newId();
            try (Connection c = DriverManager.getConnection(url)) {
                exec(
                        c,
                        "INSERT INTO media_items (id, original_name, stored_path, size_bytes, status, created_at,"
                                + " updated_at, uploaded_by) VALUES (?, 'b.mov', 'media/b.mov', 1, 'ready', 1, 1, ?)",
                        unfiled,
                        alice);
            }
            assertEquals(1, assets.addVersion(fresh.id(), unfiled).number());
        }
    }

    private static void version(Connection c, String id, String asset, int number, String mediaId, long at)
            throws SQLException {
        exec(
                c,
                "INSERT INTO asset_versions (id, asset_id, version_number, media_id, created_at) VALUES (?, ?, "
                        + number + ", ?, " + at + ")",
                id,
                asset,
                mediaId);
    }

    private static void exec(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
