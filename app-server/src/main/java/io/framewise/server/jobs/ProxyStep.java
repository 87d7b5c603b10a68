package io.framewise.server.jobs;

import io.framewise.media.Cancellation;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.transcode.ProxyResult;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.RenditionKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The browser proxy (H.264/AAC MP4, frame for frame the original) for an original that will not play
 * in a browser. The transcoder writes under a temporary name and renames when complete, so a re-run
 * after a crash simply starts over. Progress goes out as library events, at most a few per second.
 */
final class ProxyStep {

    private final MediaFiles files;
    private final MediaRepository media;
    private final Consumer<LibraryEvent> publish;

    ProxyStep(MediaFiles files, MediaRepository media, Consumer<LibraryEvent> publish) {
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
        Path target = files.file(item.id(), MediaFiles.PROXY);
        ProxyResult result = new ProxyTranscoder()
                .transcode(
                        original,
                        map,
                        target,
                        ProxySettings.DEFAULT,
                        ProgressEvents.throttled(item.id(), "proxy", publish),
                        cancel);
        io.framewise.server.crypto.SealedMedia.sealIfOn(target);
        media.putRendition(
                item.id(),
                RenditionKind.PROXY,
                files.relative(target),
                MediaStatus.READY,
                "{\"frameCount\":" + result.frameCount() + ",\"width\":" + result.width() + ",\"height\":"
                        + result.height() + ",\"audio\":" + result.audio() + "}");
        publish.accept(LibraryEvent.progress(item.id(), null, "proxy", 1.0));
    }
}
