package io.framewise.server.reports;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.clips.DownloadName;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code GET /api/media/{id}/report.pdf}: the review report as an attachment named
 * {@code <asset title>_notes.pdf}. It is made into a scratch file first and sent once whole, so a
 * report that fails half way answers with the JSON error shape instead of a cut PDF.
 */
final class ReportRoutes implements Feature {

    private final ReportService reports;
    private final Access access;
    private final Path scratch;

    ReportRoutes(ReportService reports, Access access, Path scratch) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.access = Objects.requireNonNull(access, "access");
        this.scratch = Objects.requireNonNull(scratch, "scratch");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/media/{id}/report.pdf", this::report);
    }

    private void report(Context ctx) throws IOException {
        ReportService.Report report = reports.of(access.caller(ctx), ctx.pathParam("id"));
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, ".report-", ".pdf");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                report.writeTo(out);
            }
            ctx.status(200);
            ctx.contentType("application/pdf");
            ctx.header("Content-Disposition", DownloadName.header(report.fileName()));
            // Notes change: the report is made anew on every request and never kept by caches.
            ctx.header("Cache-Control", "private, no-store");
            ctx.header("Content-Length", Long.toString(Files.size(file)));
            try (InputStream in = Files.newInputStream(file);
                    OutputStream body = ctx.res().getOutputStream()) {
                in.transferTo(body);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
