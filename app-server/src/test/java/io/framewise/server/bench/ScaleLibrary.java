package io.framewise.server.bench;

import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRate;
import io.framewise.server.auth.TokenStore;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * A large library written straight into a fresh data folder's database: 200 people, 50 projects of
 * 200 assets each in 10 folders, one ready media item per asset, 100 notes on each (a million in
 * all), tags, and a few unfiled uploads. Every media item points at the same small original and
 * frame map, so nothing is transcoded; the schema comes from the server's own migrations and only
 * the rows are batched in with plain SQL, which takes seconds where the API would take hours.
 *
 * <p>Three people are the callers the benchmark signs in as, each with an API token: an
 * administrator, a member (editor) of three projects, and a reviewer of one project.
 */
final class ScaleLibrary {

    static final int USERS = 200;
    static final int PROJECTS = 50;
    static final int ASSETS_PER_PROJECT = 200;
    static final int FOLDERS_PER_PROJECT = 10;
    static final int NOTES_PER_MEDIA = 100;
    static final int UNFILED_PER_CALLER = 20;
    static final long FRAMES = 250;

    /** Someone the benchmark signs in as, and what they may see. */
    record Caller(String role, String userId, String token, List<String> projects, int visibleMedia) {}

    final Path dataDir;
    final List<String> projectIds = new ArrayList<>();
    /** Per project, its folders in order. */
    final List<List<String>> folderIds = new ArrayList<>();
    /** Per project, its assets, and the media item each shows, in the same order. */
    final List<List<String>> assetIds = new ArrayList<>();

    final List<List<String>> mediaIds = new ArrayList<>();
    final List<Caller> callers = new ArrayList<>();
    long mediaCount;
    long noteCount;

    private ScaleLibrary(Path dataDir) {
        this.dataDir = dataDir;
    }

    static ScaleLibrary create(Path dataDir) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        ScaleLibrary lib = new ScaleLibrary(dataDir);
        // Migrate the schema as the server does, then close: the rows go in over one plain connection.
        Database.open(dataDir).close();
        String original = "media/shared/original.mp4";
        String frameMap = "media/shared/framemap.bin";
        writeSharedFiles(dataDir.resolve(original), dataDir.resolve(frameMap));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME))) {
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA synchronous=OFF");
            }
            db.setAutoCommit(false);
            lib.fill(db, original, frameMap);
            db.commit();
            try (Statement st = db.createStatement()) {
                st.execute("ANALYZE");
            }
        }
        lib.issueTokens();
        return lib;
    }

    private final List<String> users = new ArrayList<>();
    private final List<String> roleOf = new ArrayList<>();

    private void fill(Connection db, String original, String frameMap) throws SQLException {
        Random random = new Random(16);
        long t = 1_700_000_000_000L;
        try (PreparedStatement st = db.prepareStatement(
                "INSERT INTO users (id, name, display_name, created_at, is_admin, updated_at) VALUES (?,?,?,?,?,?)")) {
            for (int i = 0; i < USERS; i++) {
                String id = Ids.newId();
                users.add(id);
                st.setString(1, id);
                st.setString(2, "user" + i);
                st.setString(3, "User " + i);
                st.setLong(4, t);
                st.setBoolean(5, i == 0);
                st.setLong(6, t);
                st.addBatch();
            }
            st.executeBatch();
        }
        String admin = users.get(0);
        try (PreparedStatement project = db.prepareStatement(
                        "INSERT INTO projects (id, name, created_by, created_at) VALUES (?,?,?,?)");
                PreparedStatement member = db.prepareStatement(
                        "INSERT INTO project_members (project_id, user_id, role, added_at) VALUES (?,?,?,?)");
                PreparedStatement folder = db.prepareStatement(
                        "INSERT INTO folders (id, project_id, parent_id, name, position, created_at) VALUES (?,?,NULL,?,?,?)")) {
            for (int p = 0; p < PROJECTS; p++) {
                String id = Ids.newId();
                projectIds.add(id);
                project.setString(1, id);
                project.setString(2, "Project " + p);
                project.setString(3, admin);
                project.setLong(4, t + p);
                project.addBatch();
                // Each of users 1..199 belongs to about four projects; user 1 (the member) to 0..2 as
                // an editor, user 2 (the reviewer) to project 0 only.
                for (int u = 1; u < USERS; u++) {
                    String role = membership(u, p, random);
                    if (role != null) {
                        member.setString(1, id);
                        member.setString(2, users.get(u));
                        member.setString(3, role);
                        member.setLong(4, t);
                        member.addBatch();
                    }
                }
                List<String> folders = new ArrayList<>();
                for (int f = 0; f < FOLDERS_PER_PROJECT; f++) {
                    String fid = Ids.newId();
                    folders.add(fid);
                    folder.setString(1, fid);
                    folder.setString(2, id);
                    folder.setString(3, "Reel " + (f + 1));
                    folder.setInt(4, f);
                    folder.setLong(5, t);
                    folder.addBatch();
                }
                folderIds.add(folders);
            }
            project.executeBatch();
            member.executeBatch();
            folder.executeBatch();
        }
        try (PreparedStatement media = db.prepareStatement("INSERT INTO media_items (id, original_name, stored_path,"
                        + " size_bytes, status, probe_json, frame_count, frame_rate, start_timecode, width, height,"
                        + " duration_micros, has_audio, frame_map_path, created_at, updated_at, uploaded_by)"
                        + " VALUES (?,?,?,1024,'ready','{}',?,'25/1','01:00:00:00',1920,1080,10000000,1,?,?,?,?)");
                PreparedStatement asset = db.prepareStatement("INSERT INTO assets (id, project_id, folder_id, title,"
                        + " created_by, created_at) VALUES (?,?,?,?,?,?)");
                PreparedStatement version = db.prepareStatement("INSERT INTO asset_versions (id, asset_id,"
                        + " version_number, media_id, created_at) VALUES (?,?,1,?,?)");
                PreparedStatement tag = db.prepareStatement("INSERT INTO asset_tags (asset_id, tag) VALUES (?,?)");
                PreparedStatement note = db.prepareStatement("INSERT INTO notes (id, media_id, frame, body,"
                        + " author_id, created_at) VALUES (?,?,?,?,?,?)")) {
            long created = t;
            for (int p = 0; p < PROJECTS; p++) {
                List<String> assets = new ArrayList<>();
                List<String> items = new ArrayList<>();
                for (int a = 0; a < ASSETS_PER_PROJECT; a++) {
                    String uploader = users.get(1 + random.nextInt(USERS - 1));
                    String mediaId = Ids.newId();
                    String assetId = Ids.newId();
                    // Interleaved across projects in time, as real uploads are.
                    created = t + (long) a * PROJECTS + p;
                    mediaRow(media, mediaId, original, frameMap, created, uploader);
                    asset.setString(1, assetId);
                    asset.setString(2, projectIds.get(p));
                    asset.setString(3, folderIds.get(p).get(folderOf(a)));
                    asset.setString(4, "Shot " + p + "-" + a);
                    asset.setString(5, uploader);
                    asset.setLong(6, created);
                    asset.addBatch();
                    version.setString(1, Ids.newId());
                    version.setString(2, assetId);
                    version.setString(3, mediaId);
                    version.setLong(4, created);
                    version.addBatch();
                    for (String name : List.of("reel-" + (a % 7), a % 3 == 0 ? "vfx" : "grade")) {
                        tag.setString(1, assetId);
                        tag.setString(2, name);
                        tag.addBatch();
                    }
                    for (int n = 0; n < NOTES_PER_MEDIA; n++) {
                        note.setString(1, Ids.newId());
                        note.setString(2, mediaId);
                        note.setLong(3, random.nextInt((int) FRAMES));
                        note.setString(
                                4, "Note " + n + ": the grade shifts warmer here, check the sky against shot 12");
                        note.setString(5, users.get(1 + random.nextInt(USERS - 1)));
                        note.setLong(6, created + n);
                        note.addBatch();
                        noteCount++;
                    }
                    note.executeBatch();
                    assets.add(assetId);
                    items.add(mediaId);
                    mediaCount++;
                }
                media.executeBatch();
                asset.executeBatch();
                version.executeBatch();
                tag.executeBatch();
                assetIds.add(assets);
                mediaIds.add(items);
            }
            // Unfiled uploads of the member and the reviewer, and of people they do not see.
            for (int u = 1; u <= 4; u++) {
                for (int i = 0; i < UNFILED_PER_CALLER; i++) {
                    mediaRow(media, Ids.newId(), original, frameMap, ++created, users.get(u));
                    mediaCount++;
                }
            }
            media.executeBatch();
        }
    }

    /** Half a project's assets lie in its first folder (a busy reel), the rest spread over all ten. */
    static int folderOf(int asset) {
        return asset < ASSETS_PER_PROJECT / 2 ? 0 : asset % FOLDERS_PER_PROJECT;
    }

    /** Users 1 and 2 are the measured member and reviewer; the rest join about four projects at random. */
    private static String membership(int user, int project, Random random) {
        if (user == 1) {
            return project < 3 ? "editor" : null;
        }
        if (user == 2) {
            return project == 0 ? "reviewer" : null;
        }
        if (random.nextInt(PROJECTS) >= 4) {
            return null;
        }
        return List.of("owner", "editor", "reviewer", "viewer").get(random.nextInt(4));
    }

    private static void mediaRow(
            PreparedStatement media, String id, String original, String frameMap, long created, String uploader)
            throws SQLException {
        media.setString(1, id);
        media.setString(2, "shot.mp4");
        media.setString(3, original);
        media.setLong(4, FRAMES);
        media.setString(5, frameMap);
        media.setLong(6, created);
        media.setLong(7, created);
        media.setString(8, uploader);
        media.addBatch();
    }

    private void issueTokens() {
        try (Database db = Database.open(dataDir)) {
            TokenStore tokens = new TokenStore(db);
            int seen = (int) mediaCount;
            callers.add(new Caller("admin", users.get(0), token(tokens, 0), projectIds, seen));
            callers.add(new Caller(
                    "member of 3 projects",
                    users.get(1),
                    token(tokens, 1),
                    projectIds.subList(0, 3),
                    3 * ASSETS_PER_PROJECT + UNFILED_PER_CALLER));
            callers.add(new Caller(
                    "reviewer of 1 project",
                    users.get(2),
                    token(tokens, 2),
                    projectIds.subList(0, 1),
                    ASSETS_PER_PROJECT + UNFILED_PER_CALLER));
        }
    }

    private String token(TokenStore tokens, int user) {
        return tokens.issue(users.get(user), "scale bench", null).token();
    }

    /** A small original and a frame map of {@value #FRAMES} frames at 25 fps, keyframe every second. */
    private static void writeSharedFiles(Path original, Path frameMap) throws IOException {
        Files.createDirectories(original.getParent());
        byte[] bytes = new byte[1024];
        new Random(3).nextBytes(bytes);
        Files.write(original, bytes);
        long[] pts = new long[(int) FRAMES];
        BitSet keys = new BitSet();
        for (int i = 0; i < pts.length; i++) {
            pts[i] = i * 512L;
            if (i % 25 == 0) {
                keys.set(i);
            }
        }
        FrameMap map = new FrameMap(0, 1, 12_800, FrameRate.FPS_25, pts, keys, FRAMES * 512L);
        Files.write(frameMap, map.toBytes());
    }
}
