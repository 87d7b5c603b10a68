package io.framewise.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.Cancellation;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.hls.HlsLadder;
import io.framewise.media.hls.HlsRendition;
import io.framewise.media.hls.HlsResult;
import io.framewise.media.hls.HlsSettings;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.http.Json;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.RenditionKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HLS ladder of a long or high-bitrate item (ADR 0037): renditions frame for frame the original,
 * in the item's folder {@value #FOLDER}. The engine writes the whole ladder under a temporary name and
 * renames it when complete, so a re-run after a crash starts over cleanly. It never holds the item
 * back: the item is ready (playable as one file) long before its ladder is.
 */
final class HlsStep {

    /** The ladder's folder inside the item's folder. */
    static final String FOLDER = "hls";

    private final MediaFiles files;
    private final MediaRepository media;
    private final Consumer<LibraryEvent> publish;
    private final ObjectMapper json = Json.newMapper();

    HlsStep(MediaFiles files, MediaRepository media, Consumer<LibraryEvent> publish) {
        this.files = files;
        this.media = media;
        this.publish = publish;
    }

    void run(MediaItem item, Path original, Cancellation cancel) throws IOException {
        if (item.frameMapPath() == null) {
            throw new IllegalStateException("the frame map of " + item.id() + " is not built yet");
        }
        FrameMap map = FrameMap.fromBytes(
                io.framewise.server.crypto.SealedMedia.readAllBytes(files.resolve(item.frameMapPath())));
        Path folder = files.file(item.id(), FOLDER);
        HlsResult result = new HlsLadder()
                .write(
                        original,
                        map,
                        folder,
                        HlsSettings.DEFAULT,
                        ProgressEvents.throttled(item.id(), "hls", publish),
                        cancel);
        io.framewise.server.crypto.SealedMedia.sealTreeIfOn(folder);
        media.putRendition(item.id(), RenditionKind.HLS, files.relative(folder), MediaStatus.READY, details(result));
        publish.accept(LibraryEvent.progress(item.id(), null, "hls", 1.0));
    }

    private String details(HlsResult result) throws JsonProcessingException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (HlsRendition r : result.renditions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("width", r.width());
            m.put("height", r.height());
            m.put("frameCount", r.frameCount());
            m.put("bandwidth", r.peakBitrate());
            m.put("segments", r.segments());
            list.add(m);
        }
        return json.writeValueAsString(Map.of("renditions", list));
    }
}
