package io.framewise.desktop.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * One resumable upload of a file to the server's tus endpoint ({@code /api/tus}, tus 1.0 core):
 * POST makes the upload, PATCH sends it in chunks, HEAD asks how much arrived so a broken or stopped
 * upload carries on where it was. The request that completes it answers with the media item it became
 * ({@code Upload-Media-Id}). Written over java.net.http, so it signs in exactly as {@link ApiClient}.
 */
public final class TusUpload {

    static final String TUS_VERSION = "1.0.0";
    /** The server's header on the answer that completes an upload: the media item it became. */
    static final String MEDIA_ID_HEADER = "Upload-Media-Id";
    /** The server's header naming the asset the upload was filed as (at its target, or the home). */
    static final String ASSET_ID_HEADER = "Upload-Asset-Id";

    private static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(10);

    private final ApiClient api;
    private final Path file;
    private final long size;
    private final int chunkBytes;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final String projectId;
    private final String folderId;
    private volatile URI location;
    private volatile String assetId;

    /** An upload of {@code file}; {@code location} is a previous upload's address to resume, or null. */
    public TusUpload(ApiClient api, Path file, URI location, int chunkBytes) {
        this(api, file, location, chunkBytes, null, null);
    }

    /**
     * An upload the server files into {@code projectId}'s folder {@code folderId} (either may be
     * null: the project's top, or without a project the uploader's home folders).
     */
    public TusUpload(ApiClient api, Path file, URI location, int chunkBytes, String projectId, String folderId) {
        this.projectId = projectId;
        this.folderId = folderId;
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("chunkBytes must be positive");
        }
        this.api = api;
        this.file = file;
        this.location = location;
        this.chunkBytes = chunkBytes;
        try {
            this.size = Files.size(file);
        } catch (IOException e) {
            throw new ApiError(0, "unreadable", "Cannot read " + file + ": " + e.getMessage(), null);
        }
    }

    public long size() {
        return size;
    }

    /** The upload's address on the server once made: keep it to resume later. */
    public URI location() {
        return location;
    }

    /** The asset the server filed the upload as, once complete (null from a server that does not say). */
    public String assetId() {
        return assetId;
    }

    /** Asks a running {@link #run} to stop after the chunk in flight; it then throws {@link Stopped}. */
    public void stop() {
        stop.set(true);
    }

    /**
     * Sends what the server does not have yet, reporting bytes the server holds to {@code progress};
     * answers the id of the media item the file became. Call again after a failure or a stop to resume.
     */
    public String run(LongConsumer progress) {
        stop.set(false);
        long offset = 0;
        if (location != null) {
            offset = offset();
            if (offset < 0) {
                location = null; // The server forgot it (expired or removed): start again.
                offset = 0;
            }
        }
        if (location == null) {
            location = create();
        }
        progress.accept(offset);
        String mediaId = null;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            // An empty file completes with its creation; the server still expects no PATCH then.
            while (offset < size) {
                if (stop.get()) {
                    throw new Stopped(offset);
                }
                byte[] chunk = in.readNBytes((int) Math.min(chunkBytes, size - offset));
                HttpResponse<byte[]> res = api.answer(api.authorized(location)
                        .header("Tus-Resumable", TUS_VERSION)
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .timeout(CHUNK_TIMEOUT)
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk))
                        .build());
                if (res.statusCode() != 204 && res.statusCode() != 200) {
                    throw ApiClient.errorOf(res);
                }
                offset = res.headers().firstValueAsLong("Upload-Offset").orElse(offset + chunk.length);
                mediaId = res.headers().firstValue(MEDIA_ID_HEADER).orElse(mediaId);
                assetId = res.headers().firstValue(ASSET_ID_HEADER).orElse(assetId);
                progress.accept(offset);
            }
        } catch (IOException e) {
            throw new ApiError(0, "unreadable", "Cannot read " + file + ": " + e.getMessage(), null);
        }
        if (mediaId == null) {
            throw new ApiError(
                    0, "bad_answer", "The server took the whole file but did not say which media item it became", null);
        }
        return mediaId;
    }

    /** tus metadata: each value base64, pairs separated by commas. */
    private String metadata(String name) {
        StringBuilder m = new StringBuilder("filename ").append(base64(name));
        if (projectId != null) {
            m.append(",projectId ").append(base64(projectId));
        }
        if (folderId != null) {
            m.append(",folderId ").append(base64(folderId));
        }
        return m.toString();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private URI create() {
        String name = file.getFileName().toString();
        // Sent again with the same key when the answer is lost: the server then names the same upload.
        String key = ApiClient.newIdempotencyKey();
        HttpResponse<byte[]> res = api.idempotentAnswer(() -> api.authorized(api.resolve("/api/tus"))
                .header("Tus-Resumable", TUS_VERSION)
                .header("Upload-Length", Long.toString(size))
                .header("Upload-Metadata", metadata(name))
                .header(ApiClient.IDEMPOTENCY_HEADER, key)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        if (res.statusCode() != 201) {
            throw ApiClient.errorOf(res);
        }
        String where = res.headers()
                .firstValue("Location")
                .orElseThrow(
                        () -> new ApiError(0, "bad_answer", "The server made the upload but gave no address", null));
        return api.resolve("/api/tus").resolve(where);
    }

    /** How many bytes the server holds, or -1 when it does not know this upload any more. */
    private long offset() {
        HttpResponse<byte[]> res = api.answer(api.authorized(location)
                .header("Tus-Resumable", TUS_VERSION)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        if (res.statusCode() == 404 || res.statusCode() == 410) {
            return -1;
        }
        if (res.statusCode() >= 400) {
            throw ApiClient.errorOf(res);
        }
        return res.headers().firstValueAsLong("Upload-Offset").orElse(0);
    }

    /** Thrown by {@link #run} when {@link #stop} was asked; the server holds {@code offset} bytes. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long offset;

        Stopped(long offset) {
            super("Upload paused");
            this.offset = offset;
        }

        public long offset() {
            return offset;
        }
    }
}
