package io.framewise.server.ws;

import io.framewise.server.events.LibraryEvent;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.library.AssetRepository;
import java.util.function.Consumer;

/**
 * Fills in the asset of library and note events on their way to the hub, so a client subscribed to
 * an asset hears about every version's media. The features that raise events know media, not assets.
 */
public final class AssetTagging {

    private final AssetRepository assets;
    private final EventHub hub;

    public AssetTagging(AssetRepository assets, EventHub hub) {
        this.assets = assets;
        this.hub = hub;
    }

    public Consumer<LibraryEvent> library() {
        return e -> hub.publish(
                e.assetId() != null || e.mediaId() == null
                        ? e
                        : new LibraryEvent(
                                e.kind(),
                                e.mediaId(),
                                assets.assetOfMedia(e.mediaId()).orElse(null),
                                e.name(),
                                e.stage(),
                                e.progress(),
                                e.reason()));
    }

    public Consumer<NoteEvent> notes() {
        return e -> hub.publish(
                e.assetId() != null || e.mediaId() == null
                        ? e
                        : new NoteEvent(
                                e.kind(),
                                e.noteId(),
                                e.mediaId(),
                                assets.assetOfMedia(e.mediaId()).orElse(null),
                                e.note()));
    }
}
