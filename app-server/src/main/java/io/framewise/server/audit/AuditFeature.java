package io.framewise.server.audit;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Resource;
import io.framewise.server.db.Paging;
import io.framewise.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log for administrators: {@code GET /api/admin/audit?format=json|csv&from=&to=&user=&action=}.
 * Without {@code limit} it is the whole export (streamed, as a download); with {@code limit} (and
 * {@code offset}) it is one page, newest first, with the total in {@code X-Total-Count}, for the
 * admin screens. {@code from}/{@code to} take an ISO-8601 instant or a date (UTC midnight).
 */
public final class AuditFeature implements Feature {

    private final Access access;
    private final AuditQuery query;
    private final AuditExport export;

    public AuditFeature(Access access, AuditQuery query) {
        this.access = access;
        this.query = query;
        this.export = new AuditExport(query);
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/admin/audit", this::read);
    }

    private void read(Context ctx) throws IOException {
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new ApiException.Invalid("format must be json or csv", Map.of("field", "format"));
        }
        AuditFilter filter;
        try {
            filter = new AuditFilter(
                    time(ctx, "from"), time(ctx, "to"), ctx.queryParam("user"), ctx.queryParam("action"));
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid(e.getMessage(), Map.of("field", "from"));
        }
        String limit = ctx.queryParam("limit");
        if (limit != null && format.equals("json")) {
            page(ctx, filter, limit);
            return;
        }
        access.record(ctx, "audit.exported", Resource.SERVER, AuditOutcome.SUCCESS, Map.of("format", format));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"framewise-audit." + format + "\"");
        if (format.equals("csv")) {
            ctx.contentType("text/csv; charset=utf-8");
            Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8);
            export.writeCsv(filter, out);
            out.flush();
        } else {
            ctx.contentType("application/json");
            export.writeJson(filter, ctx.res().getOutputStream());
        }
    }

    private void page(Context ctx, AuditFilter filter, String limitText) {
        int limit = number(limitText, "limit", 1, Paging.MAX_LIMIT);
        String offsetText = ctx.queryParam("offset");
        int offset = offsetText == null ? 0 : number(offsetText, "offset", 0, Integer.MAX_VALUE);
        List<AuditRecord> records = query.find(filter, new Paging(offset, limit, true));
        ctx.header("X-Total-Count", Integer.toString(query.count(filter)));
        ctx.header("Cache-Control", "no-store");
        ctx.json(records.stream().map(AuditFeature::view).toList());
    }

    private static Map<String, Object> view(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("at", r.at().toString());
        m.put("actorId", r.actorId());
        m.put("actorName", r.actorName());
        m.put("action", r.action());
        m.put("resourceType", r.resourceType());
        m.put("resourceId", r.resourceId());
        m.put("sourceAddress", r.sourceAddress());
        m.put("outcome", r.outcome());
        m.put("details", r.detailsJson());
        return m;
    }

    private static int number(String text, String field, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException.Invalid(
                    field + " must be a whole number from " + min + " to " + max, Map.of("field", field));
        }
    }

    private static Instant time(Context ctx, String field) {
        String text = ctx.queryParam(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException.Invalid(
                    field + " must be an ISO-8601 instant (2026-11-21T10:00:00Z) or a date (2026-11-21)",
                    Map.of("field", field));
        }
    }
}
