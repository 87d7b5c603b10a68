package io.framewise.server.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes audit entries as CSV or JSON while reading them, a batch at a time, so an export of any
 * size needs no more memory than one batch.
 *
 * <p>Both carry every column, so a copy can be checked against {@link AuditChain} later. JSON is the
 * exact copy: text fields as strings, {@code details} as the stored JSON object, byte for byte. CSV
 * (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break in double
 * quotes, quotes doubled) is for spreadsheets, and spreadsheets run cells that start with {@code =},
 * {@code +}, {@code -} or {@code @} (or a tab or carriage return before one) as formulas; such cells
 * get a leading {@code '} so a user name
 * like {@code =HYPERLINK(...)} stays text. Those cells are therefore not byte-exact.
 */
public final class AuditExport {

    /** The CSV header and the JSON field names, in column order. */
    public static final List<String> COLUMNS = List.of(
            "seq",
            "at",
            "at_millis",
            "actor_id",
            "actor_name",
            "action",
            "resource_type",
            "resource_id",
            "source_address",
            "outcome",
            "details",
            "prev_hash",
            "hash");

    private static final JsonFactory JSON = new JsonFactory();

    private final AuditQuery query;

    public AuditExport(AuditQuery query) {
        this.query = Objects.requireNonNull(query, "query");
    }

    /** Writes the entries matching {@code filter} as CSV with a header row; does not close {@code out}. */
    public void writeCsv(AuditFilter filter, Writer out) throws IOException {
        writeRow(out, COLUMNS);
        try {
            query.forEach(filter, r -> {
                try {
                    writeRow(out, values(r));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /**
     * Writes the entries matching {@code filter} as a JSON array of objects (UTF-8), {@code at} as an
     * ISO-8601 instant and {@code details} as an object or null; does not close {@code out}.
     */
    public void writeJson(AuditFilter filter, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartArray();
            try {
                query.forEach(filter, r -> {
                    try {
                        writeObject(json, r);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            json.writeEndArray();
        }
        out.flush();
    }

    private static void writeObject(JsonGenerator json, AuditRecord r) throws IOException {
        json.writeStartObject();
        json.writeNumberField("seq", r.seq());
        json.writeStringField("at", r.at().toString());
        json.writeNumberField("at_millis", r.atMillis());
        json.writeStringField("actor_id", r.actorId());
        json.writeStringField("actor_name", r.actorName());
        json.writeStringField("action", r.action());
        json.writeStringField("resource_type", r.resourceType());
        json.writeStringField("resource_id", r.resourceId());
        json.writeStringField("source_address", r.sourceAddress());
        json.writeStringField("outcome", r.outcome());
        json.writeFieldName("details");
        if (r.detailsJson() == null) {
            json.writeNull();
        } else {
            // Stored by AuditEntry as a validated JSON object: embedded as is, so it stays byte-exact.
            json.writeRawValue(r.detailsJson());
        }
        json.writeStringField("prev_hash", r.prevHash());
        json.writeStringField("hash", r.hash());
        json.writeEndObject();
    }

    private static List<String> values(AuditRecord r) {
        return Arrays.asList(
                Long.toString(r.seq()),
                r.at().toString(),
                Long.toString(r.atMillis()),
                r.actorId(),
                r.actorName(),
                r.action(),
                r.resourceType(),
                r.resourceId(),
                r.sourceAddress(),
                r.outcome(),
                r.detailsJson(),
                r.prevHash(),
                r.hash());
    }

    private static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csvCell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One CSV field: null as empty, formula-looking text defused, quoted when RFC 4180 requires it. */
    static String csvCell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
