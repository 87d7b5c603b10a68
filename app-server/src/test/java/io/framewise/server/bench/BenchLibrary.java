package io.framewise.server.bench;

import io.framewise.model.time.FrameRate;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.notes.JooqNoteRepository;
import io.framewise.server.notes.NewNote;
import io.framewise.server.notes.NoteRepository;
import io.framewise.server.users.JooqUserRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A data folder prepared before the server starts, through the same repositories the server uses:
 * media items already {@code ready} (the state processing leaves them in), so the benchmarks measure
 * serving, not ingest.
 */
final class BenchLibrary {

    /** The streamed file: 256 MiB of random bytes, so no layer can compress or dedupe it. */
    static final long STREAM_BYTES = 256L * 1024 * 1024;

    static final int NOTES = 100_000;

    final Path dataDir;
    final String streamId;
    final Path streamFile;
    final String notesId;
    final String liveId;

    private BenchLibrary(Path dataDir, String streamId, Path streamFile, String notesId, String liveId) {
        this.dataDir = dataDir;
        this.streamId = streamId;
        this.streamFile = streamFile;
        this.notesId = notesId;
        this.liveId = liveId;
    }

    static BenchLibrary create(Path dataDir, boolean withStream, boolean withNotes) throws IOException {
        Files.createDirectories(dataDir);
        try (Database db = Database.open(dataDir)) {
            MediaRepository media = new JooqMediaRepository(db);
            String author = new JooqUserRepository(db).localUser().id();
            String streamId = null;
            Path streamFile = null;
            if (withStream) {
                streamId = Ids.newId();
                String stored = "media/" + streamId + "/original.mp4";
                streamFile = dataDir.resolve(stored);
                writeRandom(streamFile, STREAM_BYTES);
                ready(media, streamId, stored, STREAM_BYTES);
            }
            String notesId = null;
            if (withNotes) {
                notesId = Ids.newId();
                ready(media, notesId, "media/" + notesId + "/original.mp4", 1);
                NoteRepository notes = new JooqNoteRepository(db);
                Random random = new Random(7);
                List<NewNote> batch = new ArrayList<>(NOTES);
                for (int i = 0; i < NOTES; i++) {
                    batch.add(new NewNote(
                            notesId,
                            null,
                            random.nextInt(86_400),
                            null,
                            "Note " + i + ": the grade shifts warmer here, check the sky against shot 12",
                            null,
                            author));
                }
                notes.createAll(batch);
            }
            String liveId = Ids.newId();
            ready(media, liveId, "media/" + liveId + "/original.mp4", 1);
            return new BenchLibrary(dataDir, streamId, streamFile, notesId, liveId);
        }
    }

    private static void ready(MediaRepository media, String id, String stored, long size) {
        media.create(new NewMediaItem(id, "bench.mp4", stored, size, null));
        media.setProbe(
                id,
                new ProbeSummary(
                        86_400, FrameRate.FPS_25, "01:00:00:00", false, 1920, 1080, 3_456_000_000L, true, "{}"));
        media.markReady(id);
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }
}
