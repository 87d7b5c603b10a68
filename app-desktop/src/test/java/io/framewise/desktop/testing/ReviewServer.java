package io.framewise.desktop.testing;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.embedded.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real server on a temporary data folder with one asset, "Harbour", in two versions: v1 the
 * 29.97 drop-frame clip (150 frames), v2 the 25 fps long-GOP clip (250 frames). Both carry their
 * frame index in the picture. Started once per test JVM and shared: processing takes seconds.
 */
public final class ReviewServer {

    private static ReviewServer shared;

    public final EmbeddedServer server;
    /** The server's data folder (tests that write what a background job would, such as scene cuts). */
    public final Path data;

    public final ApiClient api;
    public final Asset asset;
    public final MediaItem v1;
    public final MediaItem v2;

    private ReviewServer(Path data) {
        this.data = data;
        server = EmbeddedServer.local(data);
        api = new ApiClient(server.baseUri(), null);
        MediaItem a = api.upload(TestMedia.get(TestMedia.Variant.H264_2997_DF));
        MediaItem b = api.upload(TestMedia.get(TestMedia.Variant.H264_LONG_GOP));
        v1 = ready(a.id());
        v2 = ready(b.id());
        Asset created = api.createAsset("Harbour", v1.id());
        api.addVersion(created.id(), v2.id());
        asset = api.asset(created.id());
    }

    public static synchronized ReviewServer get() {
        if (shared == null) {
            try {
                Path data = Files.createTempDirectory("framewise-desktop-test");
                shared = new ReviewServer(data);
                Runtime.getRuntime().addShutdownHook(new Thread(shared.server::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private MediaItem ready(String id) {
        Await.until("media " + id + " to be processed", Duration.ofMinutes(3), () -> !api.media(id)
                .status()
                .equals("processing"));
        MediaItem item = api.media(id);
        if (!item.ready()) {
            throw new AssertionError("test media failed to process: " + item.error());
        }
        Await.until("the poster of " + id, Duration.ofMinutes(2), () -> api.media(id)
                .hasRendition("poster"));
        return api.media(id);
    }
}
