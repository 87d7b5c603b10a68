package io.framewise.desktop.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.library.LibraryViewModel;
import io.framewise.desktop.library.UploadItem;
import io.framewise.desktop.testing.Await;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.time.FrameRate;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Against a server with local accounts: the app signs in, uploads resumably with its API token,
 * and a real VLC (which cannot send headers) plays the stream through the token in the address.
 */
class SignedInPlaybackTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void uploadsWithItsTokenAndVlcPlaysTheSignedStream(@TempDir Path data) throws Exception {
        try (FramewiseServer server = FramewiseServer.start(
                ServerConfig.defaults(data).withPort(0).withWorkers(1).withAuth(AuthSettings.local()))) {
            server.repositories().accounts().create("editor", "correct horse battery", true);
            ApiClient api = new ApiClient(server.baseUri(), null);
            assertEquals("local", api.authMode());
            api.login("editor", "correct horse battery");
            api.useToken(api.issueToken("this workstation").token());

            // The tus upload carries the Bearer token; the file is filed as an asset.
            LibraryViewModel library = new LibraryViewModel(Runnable::run, Runnable::run, 64 * 1024);
            library.load(api).join();
            library.upload(List.of(TestMedia.get(TestMedia.Variant.H264_LONG_GOP)))
                    .join();
            UploadItem item = library.uploads().items().get(0);
            assertEquals(
                    UploadItem.State.DONE,
                    item.stateProperty().get(),
                    item.messageProperty().get());
            assertEquals(1, library.rows().size(), library.messageProperty().get());
            String id = library.rows().get(0).asset().latest().mediaId();
            library.close();
            Await.until("the clip to be ready", Duration.ofMinutes(1), () -> api.media(id)
                    .ready());
            MediaItem media = api.media(id);

            // The stream address works with nothing but itself; without the token it is refused.
            URI stream = api.streamUri(id, "original");
            assertTrue(stream.getQuery().contains("access_token="), stream.toString());
            HttpClient plain = HttpClient.newHttpClient();
            HttpResponse<byte[]> ok = plain.send(
                    HttpRequest.newBuilder(stream)
                            .header("Range", "bytes=0-1023")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, ok.statusCode());
            assertEquals(1024, ok.body().length);
            URI bare = URI.create(stream.toString().replaceAll("&access_token=[^&]*", ""));
            assertEquals(
                    401,
                    plain.send(HttpRequest.newBuilder(bare).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode());

            // A real VLC plays it from the server.
            assertTrue(
                    VlcPlayer.libvlcPresent(), "libvlc must be installed for this test (./framewise test installs it)");
            ConcurrentLinkedQueue<Long> shown = new ConcurrentLinkedQueue<>();
            Player player = VlcPlayer.open(
                    stream.toString(),
                    FrameRate.parse(media.frameRate()),
                    api.frameMap(id).keyframes(),
                    true);
            try {
                assertTrue(player.available(), player.unavailableReason());
                player.onFrame(shown::add);
                player.play(0, 1);
                Await.until(
                        "VLC to show frames from the signed stream", Duration.ofSeconds(30), () -> shown.size() >= 10);
                long last = player.pause();
                assertTrue(last >= 9, "frames counted from the start: " + last);
            } finally {
                player.close();
            }
        }
    }
}
