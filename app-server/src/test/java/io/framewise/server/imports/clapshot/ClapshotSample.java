package io.framewise.server.imports.clapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.cli.FramewiseCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared Clapshot sample ({@code shared/testdata/clapshot}, read in place and never changed), its
 * expected facts, the import command run on it, and SQL reads of the data folder it filled.
 */
public final class ClapshotSample {

    public static final Path ROOT = locate();
    public static final Path DB = ROOT.resolve("data/clapshot.sqlite");
    public static final Path VIDEOS = ROOT.resolve("data/videos");

    private ClapshotSample() {}

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/clapshot");
            if (Files.isRegularFile(candidate.resolve("expected-migration.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shared Clapshot sample (shared/testdata/clapshot) is missing");
    }

    public static JsonNode expected() throws IOException {
        return new ObjectMapper()
                .readTree(ROOT.resolve("expected-migration.json").toFile());
    }

    public record Run(int exit, String out, String err) {}

    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FramewiseCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    public static Run importInto(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                "clapshot",
                "--db",
                DB.toString(),
                "--data",
                VIDEOS.toString(),
                "--server-data",
                data.toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    /** Rows of {@code sql} on the data folder's database, each as column name -> value. */
    public static List<Map<String, Object>> query(Path data, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = io.framewise.server.testing.DirectSql.connect(data);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    // SQLite keeps booleans as 0 and 1; PostgreSQL answers Boolean: read both as 0/1.
                    row.put(rs.getMetaData().getColumnLabel(i), v instanceof Boolean b ? (b ? 1 : 0) : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public static long count(Path data, String sql) throws SQLException {
        return ((Number) query(data, sql).get(0).values().iterator().next()).longValue();
    }
}
