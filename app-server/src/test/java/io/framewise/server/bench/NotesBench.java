package io.framewise.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Listing the notes of a media item that has 100 000 of them, over the API ({@code GET
 * /api/media/{id}/comments}, all at once, the first page of 100, and a page of 100 from the middle)
 * against the same query run directly with sqlite-jdbc on the same database file, rows read into
 * objects: what is left is the API's own cost (mapping, JSON, HTTP).
 */
final class NotesBench {

    private static final int WARMUP = 10;
    private static final int REQUESTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, media_id, parent_id, frame, frame_out, body, drawing_json,"
            + " drawing_version, resolved, resolved_by, resolved_at, author_id, created_at, edited_at";
    private static final String ORDER = " ORDER BY frame, created_at, id";

    /** A note as the raw query reads it: every column. */
    private record Row(
            String id,
            String mediaId,
            String parentId,
            long frame,
            Long frameOut,
            String body,
            String drawing,
            Integer drawingVersion,
            boolean resolved,
            String resolvedBy,
            Long resolvedAt,
            String author,
            long createdAt,
            Long editedAt) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    void run(ServerProcess server, BenchLibrary library, List<ServerBench.Row> rows) throws Exception {
        String base = "/api/media/" + library.notesId + "/comments";
        JsonNode firstPage = JSON.readTree(get(server.uri(base + "?limit=100")));
        String all = get(server.uri(base));
        int count = JSON.readTree(all).get("items").size();
        if (count != BenchLibrary.NOTES) {
            throw new IOException("the full list has " + count + " notes, expected " + BenchLibrary.NOTES);
        }
        String middle = middleCursor(server, base);
        try (Connection db = DriverManager.getConnection(
                "jdbc:sqlite:" + library.dataDir.resolve("framewise.db") + "?open_mode=1")) {
            compare(
                    rows,
                    "all " + BenchLibrary.NOTES + " notes in one answer (" + all.length() / (1024 * 1024)
                            + " MiB JSON)",
                    () -> get(server.uri(base)),
                    () -> rawAll(db, library.notesId));
            compare(
                    rows,
                    "first page of 100",
                    () -> get(server.uri(base + "?limit=100")),
                    () -> rawPage(db, library.notesId, null, 101));
            compare(
                    rows,
                    "page of 100 from the middle (after= cursor)",
                    () -> get(server.uri(base + "?limit=100&after=" + middle)),
                    () -> rawPage(db, library.notesId, middle, 101));
        }
        if (firstPage.get("items").size() != 100) {
            throw new IOException("a page of 100 had " + firstPage.get("items").size() + " notes");
        }
    }

    /** The id of the 50 000th note, walking the pages as a client would. */
    private String middleCursor(ServerProcess server, String base) throws Exception {
        String after = null;
        for (int seen = 0; seen < BenchLibrary.NOTES / 2; seen += 1000) {
            JsonNode page =
                    JSON.readTree(get(server.uri(base + "?limit=1000" + (after == null ? "" : "&after=" + after))));
            after = page.get("next").asText();
        }
        return after;
    }

    private interface Work {
        Object run() throws Exception;
    }

    private void compare(List<ServerBench.Row> rows, String what, Work api, Work raw) throws Exception {
        Samples apiTimes = time(api);
        Samples rawTimes = time(raw);
        System.out.printf(
                Locale.ROOT,
                "notes: %s: API p50 %.1f p95 %.1f ms; raw SQL p50 %.1f p95 %.1f ms%n",
                what,
                apiTimes.percentile(50),
                apiTimes.percentile(95),
                rawTimes.percentile(50),
                rawTimes.percentile(95));
        rows.add(new ServerBench.Row(
                "notes of a media item with 100 000: " + what + ", p95 of " + REQUESTS + " (API vs raw SQL)",
                String.format(Locale.ROOT, "%.1f ms", apiTimes.percentile(95)),
                String.format(Locale.ROOT, "%.1f ms", rawTimes.percentile(95)),
                String.format(Locale.ROOT, "%.1fx", apiTimes.percentile(95) / rawTimes.percentile(95)),
                "-"));
    }

    private static Samples time(Work work) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        Samples samples = new Samples();
        for (int i = 0; i < REQUESTS; i++) {
            long t0 = System.nanoTime();
            Object result = work.run();
            samples.add((System.nanoTime() - t0) / 1e6);
            if (result == null) {
                throw new IllegalStateException("no result");
            }
        }
        return samples;
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static List<Row> rawAll(Connection db, String mediaId) throws SQLException {
        try (PreparedStatement st =
                db.prepareStatement("SELECT " + COLUMNS + " FROM notes WHERE media_id = ?" + ORDER)) {
            st.setString(1, mediaId);
            return read(st);
        }
    }

    /** The keyset page the API runs: the cursor note's sort key, then the rows after it. */
    private static List<Row> rawPage(Connection db, String mediaId, String afterId, int limit) throws SQLException {
        if (afterId == null) {
            try (PreparedStatement st =
                    db.prepareStatement("SELECT " + COLUMNS + " FROM notes WHERE media_id = ?" + ORDER + " LIMIT ?")) {
                st.setString(1, mediaId);
                st.setInt(2, limit);
                return read(st);
            }
        }
        try (PreparedStatement st = db.prepareStatement("SELECT " + COLUMNS + " FROM notes n WHERE media_id = ?"
                + " AND (frame, created_at, id) > (SELECT frame, created_at, id FROM notes WHERE id = ? AND media_id = ?)"
                + ORDER + " LIMIT ?")) {
            st.setString(1, mediaId);
            st.setString(2, afterId);
            st.setString(3, mediaId);
            st.setInt(4, limit);
            return read(st);
        }
    }

    private static List<Row> read(PreparedStatement st) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        nullableLong(rs, 5),
                        rs.getString(6),
                        rs.getString(7),
                        nullableInt(rs, 8),
                        rs.getBoolean(9),
                        rs.getString(10),
                        nullableLong(rs, 11),
                        rs.getString(12),
                        rs.getLong(13),
                        nullableLong(rs, 14)));
            }
        }
        return out;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
