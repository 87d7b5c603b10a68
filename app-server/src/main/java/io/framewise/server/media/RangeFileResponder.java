package io.framewise.server.media;

import io.framewise.server.http.ApiException;
import io.framewise.server.http.ErrorMapper;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one file with HTTP caching and byte ranges, for any route that resolves to a {@link Path}
 * (media originals and proxies, stills, sprite sheets).
 *
 * <p>What it answers: 200 with {@code Accept-Ranges: bytes} without a Range; 206 with
 * {@code Content-Range} for one range ({@code a-b}, {@code a-}, {@code -n}); for several ranges a
 * single 206 of the first satisfiable one (see {@link RangeHeader}); 416 with
 * {@code Content-Range: bytes *}{@code /size} when nothing is satisfiable; 200 when the header is
 * invalid (e.g. {@code bytes=9-3}, as RFC 9110 asks); {@code If-Range} by strong ETag or exact date;
 * 304 for {@code If-None-Match} (weak comparison) or, without it, {@code If-Modified-Since}; HEAD
 * sends the same headers without a body.
 *
 * <p>How it writes: under Jetty the file region is memory-mapped in windows and each window is handed
 * to Jetty's {@link HttpOutput#write(ByteBuffer)}, which passes a buffer that large straight to the
 * socket write without copying it into Java heap buffers. Jetty 12 exposes no socket channel to a
 * servlet, so {@code FileChannel.transferTo} would only reach an adapter channel that copies through
 * an 8 KiB buffer; the mapping is the closest to zero copy the container allows. Any other container
 * gets a plain copy through a 256 KiB buffer. Library files are written once and never truncated in
 * place, which keeps mapping them safe.
 */
public final class RangeFileResponder {

    private static final Logger LOG = LoggerFactory.getLogger(RangeFileResponder.class);

    /** How the body reaches the response. */
    public enum Transfer {
        /** Memory-mapped windows written as whole buffers (Jetty); copy elsewhere. */
        MAPPED,
        /** Read into a reused heap buffer and write it; the baseline the mapped path is measured against. */
        COPY
    }

    static final long MAP_WINDOW = 16L * 1024 * 1024;
    static final int COPY_BUFFER = 256 * 1024;

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final Transfer transfer;

    public RangeFileResponder() {
        this(Transfer.MAPPED);
    }

    public RangeFileResponder(Transfer transfer) {
        this.transfer = transfer;
    }

    /** Serves {@code file} with a content type guessed from its extension. */
    public void respond(Context ctx, Path file) throws IOException {
        respond(ctx, file, ContentTypes.of(file));
    }

    /** Serves {@code file} as {@code contentType}; a missing file or a folder is a 404. */
    public void respond(Context ctx, Path file, String contentType) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ApiException.NotFound("File not found", Map.of("name", String.valueOf(file.getFileName())));
        }
        if (!attrs.isRegularFile()) {
            throw new ApiException.NotFound("File not found", Map.of("name", String.valueOf(file.getFileName())));
        }
        // A sealed file is decrypted here: a front server's sendfile would send ciphertext (ADR 0061).
        boolean sealed = io.framewise.server.crypto.SealedMedia.sealedHere(file);
        FileOffload offload = FileOffload.of(ctx);
        if (!sealed && offload != null && offload.hand(ctx, file, contentType)) {
            return;
        }
        HttpServletRequest req = ctx.req();
        HttpServletResponse res = ctx.res();
        long size = sealed ? io.framewise.server.crypto.SealedMedia.size(file) : attrs.size();
        // HTTP dates have second precision; compare and advertise at that precision.
        Instant modified = attrs.lastModifiedTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String etag = etag(size, attrs.lastModifiedTime().toMillis());

        RangeHeader.Result range = negotiate(ctx, size, etag, modified);
        if (range == null) {
            return;
        }
        switch (range.outcome()) {
            case UNSATISFIABLE -> throw new IllegalStateException("negotiate answers an unsatisfiable range itself");
            case PARTIAL -> {
                ByteRange r = range.range().orElseThrow();
                res.setStatus(206);
                res.setContentType(contentType);
                res.setHeader("Content-Range", r.contentRange(size));
                res.setContentLengthLong(r.length());
                body(req, res, file, r.first(), r.length());
            }
            case IGNORE -> {
                res.setStatus(200);
                res.setContentType(contentType);
                res.setContentLengthLong(size);
                body(req, res, file, 0, size);
            }
        }
    }

    /**
     * What file and stored-object answers share: sets the validators, answers a conditional request
     * (304) or a range past the end (416) itself and then returns null; else the range to send
     * ({@code IGNORE}: the whole body), with an {@code If-Range} that no longer holds turned into the
     * whole body.
     */
    static RangeHeader.Result negotiate(Context ctx, long size, String etag, Instant modified) {
        HttpServletRequest req = ctx.req();
        HttpServletResponse res = ctx.res();
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("ETag", etag);
        res.setHeader("Last-Modified", HTTP_DATE.format(modified));
        res.setHeader("X-Content-Type-Options", "nosniff");
        if (notModified(req, etag, modified)) {
            res.setStatus(304);
            return null;
        }
        RangeHeader.Result range = RangeHeader.parse(req.getHeader("Range"), size);
        if (range.outcome() != RangeHeader.Outcome.IGNORE && !ifRangeHolds(req.getHeader("If-Range"), etag, modified)) {
            return new RangeHeader.Result(RangeHeader.Outcome.IGNORE, Optional.empty());
        }
        if (range.outcome() == RangeHeader.Outcome.UNSATISFIABLE) {
            res.setHeader("Content-Range", "bytes */" + size);
            ErrorMapper.write(
                    ctx,
                    416,
                    "range_not_satisfiable",
                    "No requested range overlaps the " + size + " bytes of the file",
                    Map.of("size", size, "range", req.getHeader("Range")));
            return null;
        }
        return range;
    }

    /** A strong validator from size and modification time: a rewritten file gets a new one. */
    static String etag(long size, long modifiedMillis) {
        return "\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + "\"";
    }

    static boolean notModified(HttpServletRequest req, String etag, Instant modified) {
        String method = req.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        String inm = req.getHeader("If-None-Match");
        if (inm != null) {
            // RFC 9110 13.1.2: weak comparison, and If-Modified-Since is then ignored.
            for (String candidate : inm.split(",")) {
                String c = candidate.strip();
                if (c.equals("*") || opaque(c).equals(opaque(etag))) {
                    return true;
                }
            }
            return false;
        }
        Instant since = parseDate(req.getHeader("If-Modified-Since"));
        return since != null && !modified.isAfter(since);
    }

    static boolean ifRangeHolds(String ifRange, String etag, Instant modified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            // If-Range needs a strong match: a weak tag never matches.
            return v.equals(etag);
        }
        Instant date = parseDate(v);
        return date != null && date.equals(modified);
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static Instant parseDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void body(HttpServletRequest req, HttpServletResponse res, Path file, long offset, long length)
            throws IOException {
        if (req.getMethod().equals("HEAD") || length == 0) {
            return;
        }
        if (io.framewise.server.crypto.SealedMedia.sealedHere(file)) {
            try {
                io.framewise.server.crypto.SealedMedia.copyRange(file, offset, length, res.getOutputStream());
            } catch (IOException e) {
                if (!res.isCommitted()) {
                    // Nothing sent yet: the error mapper answers in the one error shape instead.
                    res.resetBuffer();
                    res.setContentLengthLong(-1);
                    res.setHeader("Content-Range", null);
                    res.setHeader("ETag", null);
                }
                throw e;
            }
            return;
        }
        ServletOutputStream out = res.getOutputStream();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (transfer == Transfer.MAPPED && out instanceof HttpOutput jetty) {
                writeMapped(channel, jetty, offset, length);
            } else {
                writeCopy(channel, out, offset, length);
            }
        } catch (IOException e) {
            // The usual cause is a client that stopped listening (seek in a player); nothing to answer.
            LOG.debug("Streaming {} stopped: {}", file.getFileName(), e.toString());
        }
    }

    private static void writeMapped(FileChannel channel, HttpOutput out, long offset, long length) throws IOException {
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            long window = Math.min(MAP_WINDOW, end - pos);
            out.write(channel.map(FileChannel.MapMode.READ_ONLY, pos, window));
            pos += window;
        }
    }

    private static void writeCopy(FileChannel channel, ServletOutputStream out, long offset, long length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BUFFER, length));
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - pos));
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw new IOException("File ended early at byte " + pos);
            }
            out.write(buffer.array(), 0, n);
            pos += n;
        }
    }
}
