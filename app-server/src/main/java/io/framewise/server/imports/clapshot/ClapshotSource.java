package io.framewise.server.imports.clapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a Clapshot server's SQLite database without changing it: the file is opened read-only and
 * immutable (SQLite then takes no locks and writes no journal, so a read-only folder or a backup
 * copy works, and a running Clapshot server is not disturbed).
 *
 * <p>Only the schema of Clapshot 0.7 and later (table {@code media_files}, Diesel migration
 * {@code 20240522163000} onwards) is read. Older databases are recognised and refused with a message
 * naming their version: v0.5.x ({@code videos} with {@code video_hash}) and v0.6.x ({@code videos}
 * with {@code comments.video_id}). Migration versions this reader does not know are listed in the
 * report, not fatal (old databases list versions that later left Clapshot's tree).
 */
public final class ClapshotSource {

    /** Diesel migrations of the schema this reader knows (up to 0.8.x). */
    static final Set<String> KNOWN_MIGRATIONS = Set.of(
            "20221004155935",
            "20230208153341",
            "20230209211348",
            "20230417100000",
            "20230418190209",
            "20230418190300",
            "20240513093800",
            "20240522163000",
            "20240530202000",
            "20240602173200");

    /** SQLite's CURRENT_TIMESTAMP form (UTC), with Chrono's optional nanoseconds, or an ISO 'T'. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private ClapshotSource() {}

    /**
     * Everything the import needs from {@code dbFile}.
     *
     * @throws ClapshotImportException when the file is missing, is no SQLite database, is not
     *     Clapshot's, or is of a Clapshot version this reader does not read
     */
    public static ClapshotData read(Path dbFile) {
        if (!Files.isRegularFile(dbFile)) {
            throw new ClapshotImportException("no Clapshot database at " + dbFile);
        }
        String url = "jdbc:sqlite:" + dbFile.toAbsolutePath().toUri() + "?mode=ro&immutable=1";
        Properties props = new Properties();
        props.setProperty("open_mode", "65"); // SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
        try (Connection c = DriverManager.getConnection(url, props)) {
            Set<String> tables = names(c, "SELECT name FROM sqlite_master WHERE type = 'table'");
            checkSchema(c, tables, dbFile);
            return new ClapshotData(
                    users(c),
                    media(c),
                    comments(c),
                    tables.contains("bf_folders") ? folders(c) : List.of(),
                    tables.contains("bf_folder_items") ? folderItems(c) : List.of(),
                    tables.contains("subtitles") ? subtitles(c) : List.of(),
                    tables.contains("messages") ? count(c, "messages") : 0,
                    unknownMigrations(c, tables));
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("NOTADB") || message.contains("not a database") || message.contains("malformed")) {
                throw new ClapshotImportException(dbFile + " is not a SQLite database (or it is damaged)", e);
            }
            throw new ClapshotImportException("cannot read the Clapshot database " + dbFile + ": " + message, e);
        }
    }

    private static void checkSchema(Connection c, Set<String> tables, Path dbFile) throws SQLException {
        if (tables.contains("videos") && tables.contains("comments")) {
            Set<String> videoColumns = names(c, "SELECT name FROM pragma_table_info('videos')");
            String version = videoColumns.contains("video_hash")
                    ? "v0.5.x (table videos with video_hash)"
                    : "v0.6.x (table videos, comments.video_id)";
            throw new ClapshotImportException("the Clapshot database " + dbFile + " is from Clapshot " + version
                    + "; this import reads Clapshot 0.7 and later: start Clapshot 0.8 on a copy once so it"
                    + " upgrades the database, then import that copy");
        }
        if (!tables.contains("media_files") || !tables.contains("comments") || !tables.contains("users")) {
            throw new ClapshotImportException(dbFile + " is not a Clapshot database: it has no "
                    + "users, media_files and comments tables (found: " + new TreeSet<>(tables) + ")");
        }
        Set<String> commentColumns = names(c, "SELECT name FROM pragma_table_info('comments')");
        for (String needed : List.of("media_file_id", "parent_id", "user_id", "username_ifnull", "timecode")) {
            if (!commentColumns.contains(needed)) {
                throw new ClapshotImportException("the Clapshot database " + dbFile
                        + " has an unknown comments table (no column " + needed + ")");
            }
        }
    }

    private static List<String> unknownMigrations(Connection c, Set<String> tables) throws SQLException {
        if (!tables.contains("__diesel_schema_migrations")) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        for (String v : names(c, "SELECT version FROM __diesel_schema_migrations ORDER BY version")) {
            if (!KNOWN_MIGRATIONS.contains(v)) {
                unknown.add(v);
            }
        }
        return unknown;
    }

    private static List<ClapshotData.User> users(Connection c) throws SQLException {
        List<ClapshotData.User> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, created FROM users ORDER BY id")) {
            while (rs.next()) {
                out.add(new ClapshotData.User(rs.getString(1), rs.getString(2), time(rs.getString(3))));
            }
        }
        return out;
    }

    private static List<ClapshotData.Media> media(Connection c) throws SQLException {
        Set<String> columns = names(c, "SELECT name FROM pragma_table_info('media_files')");
        String defaultSubtitle = columns.contains("default_subtitle_id") ? "default_subtitle_id" : "NULL";
        List<ClapshotData.Media> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, user_id, added_time, orig_filename, title, fps,"
                        + " total_frames, recompression_done, " + defaultSubtitle
                        + " FROM media_files ORDER BY added_time, id")) {
            while (rs.next()) {
                long frames = rs.getLong(7);
                boolean noFrames = rs.wasNull();
                long sub = rs.getLong(9);
                boolean noSub = rs.wasNull();
                out.add(new ClapshotData.Media(
                        rs.getString(1),
                        rs.getString(2),
                        time(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        noFrames ? null : frames,
                        rs.getString(8) != null,
                        noSub ? null : sub));
            }
        }
        return out;
    }

    private static List<ClapshotData.Comment> comments(Connection c) throws SQLException {
        Set<String> columns = names(c, "SELECT name FROM pragma_table_info('comments')");
        String subtitle = columns.contains("subtitle_id") ? "subtitle_id" : "NULL";
        String drawing = columns.contains("drawing") ? "drawing" : "NULL";
        List<ClapshotData.Comment> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, media_file_id, parent_id, created, edited, user_id,"
                        + " username_ifnull, comment, timecode, " + drawing + ", " + subtitle
                        + " FROM comments ORDER BY id")) {
            while (rs.next()) {
                long parent = rs.getLong(3);
                boolean noParent = rs.wasNull();
                long sub = rs.getLong(11);
                boolean noSub = rs.wasNull();
                out.add(new ClapshotData.Comment(
                        rs.getLong(1),
                        rs.getString(2),
                        noParent ? null : parent,
                        time(rs.getString(4)),
                        rs.getString(5) == null ? null : time(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        noSub ? null : sub));
            }
        }
        return out;
    }

    private static List<ClapshotData.Subtitle> subtitles(Connection c) throws SQLException {
        Set<String> columns = names(c, "SELECT name FROM pragma_table_info('subtitles')");
        String offset = columns.contains("time_offset") ? "time_offset" : "0";
        List<ClapshotData.Subtitle> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, media_file_id, title, language_code, filename,"
                        + " orig_filename, " + offset + " FROM subtitles ORDER BY id")) {
            while (rs.next()) {
                out.add(new ClapshotData.Subtitle(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getDouble(7)));
            }
        }
        return out;
    }

    private static List<ClapshotData.Folder> folders(Connection c) throws SQLException {
        List<ClapshotData.Folder> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, user_id, title, created FROM bf_folders ORDER BY id")) {
            while (rs.next()) {
                out.add(new ClapshotData.Folder(
                        rs.getLong(1), rs.getString(2), rs.getString(3), time(rs.getString(4))));
            }
        }
        return out;
    }

    private static List<ClapshotData.FolderItem> folderItems(Connection c) throws SQLException {
        Set<String> columns = names(c, "SELECT name FROM pragma_table_info('bf_folder_items')");
        // v0.6-era organizer databases call the media column video_id.
        String mediaColumn = columns.contains("media_file_id") ? "media_file_id" : "video_id";
        List<ClapshotData.FolderItem> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT folder_id, sort_order, id, " + mediaColumn
                        + ", subfolder_id FROM bf_folder_items ORDER BY folder_id, sort_order, id")) {
            while (rs.next()) {
                long sub = rs.getLong(5);
                boolean noSub = rs.wasNull();
                out.add(new ClapshotData.FolderItem(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), noSub ? null : sub));
            }
        }
        return out;
    }

    private static int count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static Set<String> names(Connection c, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A Clapshot time (UTC, as SQLite and Chrono write it); the epoch when it cannot be read. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return LocalDateTime.parse(text.strip(), TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
