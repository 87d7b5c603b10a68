package io.framewise.server.upload;

import io.framewise.server.ServerConfig;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ApiException;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.MultiPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives an upload body straight from the socket into a temp file under {@code <data>/uploads},
 * never holding it in memory (it never calls {@code ctx.body()}), then hands a {@link ReceivedFile} to
 * an {@link UploadCallback} and answers 201 with what the callback returned.
 *
 * <p>Two body forms: the raw file ({@code curl -T FILE URL?filename=NAME}) and
 * {@code multipart/form-data} with one file part. Limits are checked as early as possible: a
 * {@code Content-Length} over the limit is a 413, and a body that would eat into the free-disk reserve
 * a 507, before a byte is read (with {@code Expect: 100-continue} the client then never sends it);
 * bodies of unknown length are counted and stopped as they stream.
 */
public final class UploadReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(UploadReceiver.class);

    /** Multipart framing (boundaries, part headers, small fields) allowed on top of the file limit. */
    static final long MULTIPART_OVERHEAD = 1024 * 1024;

    private final Path dir;
    private final long maxBytes;
    private final long minFreeBytes;

    public UploadReceiver(ServerConfig config) {
        this(config.uploadsDir(), config.maxUploadBytes(), config.minFreeDiskBytes());
    }

    public UploadReceiver(Path dir, long maxBytes, long minFreeBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * Receives the request's body and answers it. The name comes from {@code ?filename=}, else the
     * multipart file part's name or a {@code filename} form field, else {@value FileNames#FALLBACK}.
     */
    public void handle(Context ctx, UploadCallback callback) throws Exception {
        ReceivedFile file = receive(ctx);
        Object answer;
        try {
            answer = callback.onReceived(file);
        } catch (Exception | Error e) {
            Files.deleteIfExists(file.path());
            throw e;
        }
        ctx.status(201);
        ctx.json(answer == null ? Map.of() : answer);
    }

    /** Receives the body into a synced temp file; the caller owns (and must move or delete) it. */
    public ReceivedFile receive(Context ctx) throws IOException {
        HttpServletRequest req = ctx.req();
        String contentType = req.getContentType() == null ? "" : req.getContentType();
        boolean multipart = contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
        if (multipart && !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException.Unsupported(
                    "Only multipart/form-data or a raw body are accepted", Map.of("contentType", contentType));
        }
        long declared = req.getContentLengthLong();
        long bodyLimit = multipart ? maxBytes + MULTIPART_OVERHEAD : maxBytes;
        if (declared > bodyLimit) {
            throw UploadTarget.tooLarge(maxBytes);
        }
        PrivateFiles.directories(dir);
        UploadTarget.checkFreeDisk(dir, Math.max(0, declared), minFreeBytes);

        String queryName = ctx.queryParam("filename");
        try (UploadTarget target = new UploadTarget(dir, maxBytes, minFreeBytes);
                InputStream body = req.getInputStream()) {
            String name = queryName;
            if (multipart) {
                String boundary = MultiPart.extractBoundary(contentType);
                if (boundary == null || boundary.isEmpty()) {
                    throw new ApiException.BadRequest("multipart/form-data without a boundary");
                }
                MultipartFileReader reader = new MultipartFileReader(target);
                reader.read(body, boundary, bodyLimit);
                if (name == null) {
                    name = reader.fields().getOrDefault("filename", reader.fileName());
                }
            } else {
                byte[] buf = new byte[256 * 1024];
                for (int n; (n = body.read(buf)) >= 0; ) {
                    target.write(buf, 0, n);
                }
            }
            if (declared >= 0 && !multipart && target.size() != declared) {
                throw new ApiException.BadRequest(
                        "The body ended after " + target.size() + " of " + declared + " announced bytes");
            }
            ReceivedFile file = target.finish(name);
            LOG.info("Received upload '{}' ({} bytes) into {}", file.safeName(), file.size(), file.path());
            return file;
        }
    }
}
