package io.framewise.server.interchange.imports;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /api/media/{id}/edl?dryRun=true|false&offset=FRAMES&events=true|false}: the markers of
 * an EDL, FCP7 XML, FCPXML or OTIO file become notes on the media item (see {@link
 * NoteImportService}). The file is the raw body (any content type) or the one file of a {@code
 * multipart/form-data} body, at most {@value NoteImportService#MAX_BYTES} bytes. The answer is
 * {@link ImportResult}: 200 for a dry run and for an import alike, since an import of a file whose
 * notes all exist creates nothing.
 */
public final class NoteImportRoutes implements Feature {

    /** The largest shift asked for with {@code offset}: more than a day of frames at any rate. */
    static final long MAX_OFFSET = 1_000_000_000L;

    private final NoteImportService imports;
    private final Access access;

    public NoteImportRoutes(NoteImportService imports, Access access) {
        this.imports = Objects.requireNonNull(imports, "imports");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.post("/api/media/{id}/edl", this::importFile);
    }

    private void importFile(Context ctx) throws IOException {
        NoteImportService.Options options =
                new NoteImportService.Options(flag(ctx, "dryRun"), offset(ctx), flag(ctx, "events"));
        long declared = ctx.req().getContentLengthLong();
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean multipart = type.startsWith("multipart/form-data");
        // A multipart body carries its boundaries besides the file.
        if (declared > NoteImportService.MAX_BYTES + (multipart ? 64 * 1024 : 0)) {
            throw tooLarge();
        }
        byte[] body = multipart ? filePart(ctx) : read(ctx.req().getInputStream());
        ctx.json(imports.importFile(access.caller(ctx), ctx.pathParam("id"), body, options));
    }

    private static byte[] filePart(Context ctx) throws IOException {
        List<UploadedFile> files = ctx.uploadedFiles();
        if (files.size() != 1) {
            throw new ApiException.BadRequest(
                    "a multipart body carries exactly one file, got " + files.size(), Map.of("field", "file"), null);
        }
        UploadedFile file = files.get(0);
        if (file.size() > NoteImportService.MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = file.content()) {
            return read(in);
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(NoteImportService.MAX_BYTES + 1);
        if (body.length > NoteImportService.MAX_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private static ApiException tooLarge() {
        return new ApiException.PayloadTooLarge(
                "a marker file is at most " + NoteImportService.MAX_BYTES + " bytes", NoteImportService.MAX_BYTES);
    }

    private static boolean flag(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ApiException.BadRequest(name + " must be true or false", Map.of("field", name), null);
        };
    }

    private static long offset(Context ctx) {
        String v = ctx.queryParam("offset");
        if (v == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (Math.abs(n) <= MAX_OFFSET) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Answered below with the range.
        }
        throw new ApiException.BadRequest(
                "offset must be a whole number of frames from -" + MAX_OFFSET + " to " + MAX_OFFSET,
                Map.of("field", "offset"),
                null);
    }
}
