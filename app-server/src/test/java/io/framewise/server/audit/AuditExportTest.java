package io.framewise.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.db.Database;
import io.framewise.server.db.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditExportTest {

    private static final String AWKWARD_NAME = "O'Brien, \"the boss\"\nline two";

    @TempDir
    Path dir;

    @Test
    void csvQuotesAwkwardValuesAndDefusesFormulas() throws Exception {
        try (Database db = Database.open(dir, new MutableClock(Instant.parse("2026-03-01T10:00:00Z")))) {
            AuditLog log = seed(db);
            StringWriter out = new StringWriter();
            new AuditExport(new AuditQuery(db)).writeCsv(AuditFilter.all(), out);

            List<List<String>> rows = parseCsv(out.toString());
            assertEquals(AuditExport.COLUMNS, rows.get(0));
            assertEquals(5, rows.size());
            List<String> awkward = rows.get(1);
            assertEquals("1", awkward.get(0));
            assertEquals("2026-03-01T10:00:00Z", awkward.get(1));
            assertEquals(AWKWARD_NAME, awkward.get(4));
            assertEquals("{\"note\":\"a, \\\"b\\\"\"}", awkward.get(10));
            assertEquals(log.last().orElseThrow().hash(), rows.get(4).get(12));
            assertEquals("", awkward.get(3), "a null actor id is an empty cell");

            assertEquals("'=HYPERLINK(\"http://evil\",\"x\")", rows.get(2).get(4));
            assertEquals("'+1+2", rows.get(2).get(8));
            assertEquals("'-3", rows.get(3).get(4));
            assertEquals("'@SUM(A1)", rows.get(4).get(4));
            assertTrue(out.toString().endsWith("\r\n"));
        }
    }

    @Test
    void jsonCarriesEveryEntryExactly() throws Exception {
        try (Database db = Database.open(dir, new MutableClock(Instant.parse("2026-03-01T10:00:00Z")))) {
            seed(db);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AuditQuery query = new AuditQuery(db);
            new AuditExport(query).writeJson(AuditFilter.all(), out);

            JsonNode array = new ObjectMapper().readTree(out.toByteArray());
            List<AuditRecord> stored = new ArrayList<>();
            query.forEach(AuditFilter.all(), stored::add);
            assertEquals(stored.size(), array.size());
            for (int i = 0; i < stored.size(); i++) {
                AuditRecord r = stored.get(i);
                JsonNode e = array.get(i);
                AuditRecord parsed = new AuditRecord(
                        e.get("seq").asLong(),
                        e.get("at_millis").asLong(),
                        text(e, "actor_id"),
                        text(e, "actor_name"),
                        text(e, "action"),
                        text(e, "resource_type"),
                        text(e, "resource_id"),
                        text(e, "source_address"),
                        text(e, "outcome"),
                        e.get("details").isNull() ? null : e.get("details").toString(),
                        text(e, "prev_hash"),
                        text(e, "hash"));
                assertEquals(r, parsed);
                assertTrue(parsed.hashMatches(), "an export can be verified without the database");
                assertEquals(r.at().toString(), e.get("at").asText());
            }
            assertEquals(AWKWARD_NAME, array.get(0).get("actor_name").asText());
            assertEquals("a, \"b\"", array.get(0).get("details").get("note").asText());
        }
    }

    @Test
    void exportsFollowTheFilterAndWalkPastOneBatch() throws Exception {
        try (Database db = Database.open(dir)) {
            AuditLog log = new AuditLog(db);
            int total = AuditQuery.BATCH + 20;
            for (int i = 0; i < total; i++) {
                log.append(AuditEntry.of(i % 2 == 0 ? "session.joined" : "note.deleted", AuditOutcome.SUCCESS));
            }
            AuditExport export = new AuditExport(new AuditQuery(db));
            StringWriter all = new StringWriter();
            export.writeCsv(AuditFilter.all(), all);
            assertEquals(total + 1, parseCsv(all.toString()).size());

            ByteArrayOutputStream joins = new ByteArrayOutputStream();
            export.writeJson(AuditFilter.all().action("session.joined"), joins);
            JsonNode array = new ObjectMapper().readTree(joins.toString(StandardCharsets.UTF_8));
            assertEquals(total / 2, array.size());
            array.forEach(e -> assertEquals("session.joined", e.get("action").asText()));
        }
    }

    private static AuditLog seed(Database db) {
        AuditLog log = new AuditLog(db);
        log.append(AuditEntry.of("user.created", AuditOutcome.SUCCESS)
                .by(null, AWKWARD_NAME)
                .details(Map.of("note", "a, \"b\"")));
        log.append(AuditEntry.of("login.failure", AuditOutcome.DENIED)
                .by("u2", "=HYPERLINK(\"http://evil\",\"x\")")
                .from("+1+2"));
        log.append(AuditEntry.of("token.created", AuditOutcome.SUCCESS).by("u3", "-3"));
        log.append(AuditEntry.of("export.audit", AuditOutcome.FAILED).by("u4", "@SUM(A1)"));
        return log;
    }

    private static String text(JsonNode e, String field) {
        return e.get(field).isNull() ? null : e.get(field).asText();
    }

    /** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
            } else if (c == '"') {
                assertEquals(0, cell.length(), "a quote may only open a field");
                quoted = true;
                i++;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertTrue(c != '\n' && c != '\r', "bare line break outside quotes at " + i);
                cell.append(c);
                i++;
            }
        }
        assertTrue(row.isEmpty() && cell.length() == 0 && !quoted, "the file ends with a complete row");
        return rows;
    }
}
