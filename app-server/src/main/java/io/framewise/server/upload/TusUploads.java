package io.framewise.server.upload;

import io.framewise.server.Feature;
import io.framewise.server.ServerConfig;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.upload.UploadInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads over tus 1.0 (core, creation, termination and the other extensions the library
 * enables) at {@code /api/tus}, served by tus-java-server on the raw servlet request and response
 * Javalin 7 exposes. Partial uploads live under {@code <data>/tus} and survive a restart, so a client
 * resumes from the offset the server reports. A finished upload is moved into {@code <data>/uploads}
 * through the same {@link UploadTarget} as plain uploads (same hash, same limits) and handed to the
 * same {@link UploadCallback}; the tus copy is then removed.
 */
public final class TusUploads implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(TusUploads.class);

    public static final String PATH = "/api/tus";

    private final TusFileUploadService tus;
    private final ServerConfig config;
    private final UploadCallback callback;

    public TusUploads(ServerConfig config, UploadCallback callback) {
        this.config = config;
        this.callback = callback;
        try {
            Files.createDirectories(config.tusDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + config.tusDir(), e);
        }
        this.tus = new TusFileUploadService()
                .withUploadUri(PATH)
                .withStoragePath(config.tusDir().toString())
                .withMaxUploadSize(config.maxUploadBytes())
                .withUploadExpirationPeriod(7L * 24 * 3600 * 1000);
    }

    @Override
    public void register(JavalinConfig cfg) {
        for (HandlerType method : new HandlerType[] {
            HandlerType.POST, HandlerType.HEAD, HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS
        }) {
            cfg.routes.addHttpHandler(method, PATH, this::process);
            cfg.routes.addHttpHandler(method, PATH + "/{id}", this::process);
        }
    }

    private void process(Context ctx) throws Exception {
        if (ctx.method() == HandlerType.POST || ctx.method() == HandlerType.PATCH) {
            UploadTarget.checkFreeDisk(
                    config.tusDir(), Math.max(0, ctx.req().getContentLengthLong()), config.minFreeDiskBytes());
        }
        tus.process(ctx.req(), ctx.res());
        if (ctx.method() == HandlerType.PATCH || ctx.method() == HandlerType.POST) {
            handOverIfComplete(ctx);
        }
    }

    private void handOverIfComplete(Context ctx) throws Exception {
        String uri = ctx.req().getRequestURI();
        UploadInfo info;
        try {
            info = tus.getUploadInfo(uri);
        } catch (TusException e) {
            return;
        }
        if (info == null || info.isUploadInProgress() || !info.hasLength()) {
            return;
        }
        ReceivedFile file;
        try (UploadTarget target =
                        new UploadTarget(config.uploadsDir(), config.maxUploadBytes(), config.minFreeDiskBytes());
                InputStream in = tus.getUploadedBytes(uri)) {
            byte[] buf = new byte[256 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                target.write(buf, 0, n);
            }
            file = target.finish(info.getFileName());
        }
        tus.deleteUpload(uri);
        LOG.info("Resumable upload '{}' complete ({} bytes)", file.safeName(), file.size());
        try {
            callback.onReceived(file);
        } catch (Exception | Error e) {
            Files.deleteIfExists(file.path());
            throw e;
        }
    }
}
