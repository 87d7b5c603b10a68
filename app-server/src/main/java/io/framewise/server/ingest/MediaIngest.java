package io.framewise.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.db.Ids;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.http.Json;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.upload.ReceivedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a completely received file (plain or multipart upload, tus, the watched folder) into the
 * library: the file is renamed to {@code <data>/media/<id>/original.<ext>} and synced, then the item
 * row (status processing) and its first job (probe) are written, an activity event is appended and
 * {@code added} is published. Only then does the caller answer 201, so an acknowledged upload has its
 * file and its row on disk. A crash before the row is written leaves an unacknowledged file in the
 * item folder and nothing in the library; the client did not get a 201 and uploads again.
 */
public final class MediaIngest {

    private static final Logger LOG = LoggerFactory.getLogger(MediaIngest.class);

    /** The first step of every item runs before follow-up steps of items already in the queue. */
    public static final int PROBE_PRIORITY = 10;

    private final MediaFiles files;
    private final MediaRepository media;
    private final JobRepository jobs;
    private final EventRepository events;
    private final Consumer<LibraryEvent> publish;
    private final Runnable jobQueued;
    private final ObjectMapper json = Json.newMapper();

    /**
     * @param jobQueued called after a job was queued, so idle workers look at once rather than at
     *     their next poll
     */
    public MediaIngest(
            MediaFiles files,
            MediaRepository media,
            JobRepository jobs,
            EventRepository events,
            Consumer<LibraryEvent> publish,
            Runnable jobQueued) {
        this.files = files;
        this.media = media;
        this.jobs = jobs;
        this.events = events;
        this.publish = publish;
        this.jobQueued = jobQueued;
    }

    /** Takes {@code file} into the library and returns the new item (status processing). */
    public MediaItem ingest(ReceivedFile file) throws IOException {
        return ingest(file, null);
    }

    /**
     * Takes {@code file} into the library for {@code uploaderId} (who may then see it before it is
     * filed into a project; null for nobody in particular) and returns the new item.
     */
    public MediaItem ingest(ReceivedFile file, String uploaderId) throws IOException {
        String id = Ids.newId();
        String name = displayName(file);
        Path target = files.originalFor(id, file.safeName());
        MediaFiles.moveDurably(file.path(), target);
        MediaItem item;
        try {
            item = media.create(
                    new NewMediaItem(id, name, files.relative(target), Files.size(target), file.sha256(), uploaderId));
            jobs.enqueue(JobKind.PROBE, id, PROBE_PRIORITY, null);
        } catch (RuntimeException e) {
            // Not acknowledged: take the row (if any) and the file back out so nothing half-made stays.
            media.delete(id);
            files.deleteAll(id);
            throw e;
        }
        events.append("media.added", id, null, payload(Map.of("name", name, "sizeBytes", item.sizeBytes())));
        LOG.info("Added media {} '{}' ({} bytes)", id, name, item.sizeBytes());
        publish.accept(LibraryEvent.added(id, null, name));
        jobQueued.run();
        return item;
    }

    /** The name shown to users: the client's own (kept as data), cut to the 255 characters a row holds. */
    private static String displayName(ReceivedFile file) {
        String name = file.originalName();
        if (name == null || name.isBlank()) {
            name = file.safeName();
        }
        name = name.strip();
        return name.length() <= 255 ? name : name.substring(0, 255);
    }

    private String payload(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
