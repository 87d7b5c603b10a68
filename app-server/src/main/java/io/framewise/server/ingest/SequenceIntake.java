package io.framewise.server.ingest;

import io.framewise.model.time.FrameRate;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.Caller;
import io.framewise.server.db.Ids;
import io.framewise.server.filing.FilingService;
import io.framewise.server.http.ApiException;
import io.framewise.server.upload.ReceivedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Uploads that are image sequences: a zip or tar of numbered images, with the frame rate the client
 * chose ({@code ?rate=25} on a plain upload, {@code rate} in tus metadata; 24 when none). The archive
 * is unpacked into a private folder under {@code <data>/uploads}, checked, and handed to {@link
 * IngestService} as one item; the archive itself is not kept (the images are the original).
 *
 * <p>Unpacking is bounded: at most {@value #MAX_ENTRIES} entries and eight times the upload limit
 * (less the free-disk reserve), counted as bytes are written.
 */
final class SequenceIntake {

    static final int MAX_ENTRIES = 100_000;

    private static final long EXPANSION = 8;

    private final ServerConfig config;
    private final IngestService ingest;

    SequenceIntake(ServerConfig config, IngestService ingest) {
        this.config = config;
        this.ingest = ingest;
    }

    /** Whether {@code file} is to be taken as an image sequence. */
    static boolean applies(ReceivedFile file) {
        return SequenceArchive.isArchive(file.safeName()) || SequenceArchive.isArchive(file.originalName());
    }

    /** Refuses a rate on an upload that is not a sequence: it would silently mean nothing. */
    static void requireNoRate(String rate) {
        if (rate != null) {
            throw new ApiException.BadRequest(
                    "'rate' applies to image sequences only (a .zip or .tar of numbered images)",
                    Map.of("rate", rate.length() > 40 ? rate.substring(0, 40) : rate),
                    null);
        }
    }

    /** A plain or multipart upload by {@code caller}, filed at {@code target}. */
    IngestService.Ingested upload(Caller caller, ReceivedFile archive, FrameRate rate, FilingService.Target target)
            throws IOException {
        ingest.requireUpload(caller);
        Path folder = unpack(archive);
        try {
            return ingest.uploadSequence(caller, archive, folder, rate, target);
        } finally {
            SequenceArchive.deleteTree(folder);
        }
    }

    /** A resumable upload that completed, owned by {@code ownerId}, filed at {@code target}. */
    IngestService.Ingested resumable(String ownerId, ReceivedFile archive, FrameRate rate, FilingService.Target target)
            throws IOException {
        Path folder = unpack(archive);
        try {
            return ingest.resumableSequence(ownerId, archive, folder, rate, target);
        } finally {
            SequenceArchive.deleteTree(folder);
        }
    }

    private Path unpack(ReceivedFile archive) throws IOException {
        Path folder = config.uploadsDir().resolve("sequence-" + Ids.newId());
        long usable = Files.getFileStore(config.uploadsDir()).getUsableSpace() - config.minFreeDiskBytes();
        long limit = Math.max(0, Math.min(multiply(config.maxUploadBytes(), EXPANSION), usable));
        try {
            new SequenceArchive(MAX_ENTRIES, limit)
                    .expand(
                            archive.path(),
                            archive.originalName() == null ? archive.safeName() : archive.originalName(),
                            folder);
        } finally {
            Files.deleteIfExists(archive.path());
        }
        return folder;
    }

    private static long multiply(long a, long b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
