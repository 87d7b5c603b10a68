package io.framewise.server.filing;

import static io.framewise.server.testing.AccessWorld.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.model.testing.Await;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio-only media get their waveform as the poster, not an icon: a picture of the sound. */
class AudioPosterTest {

    @Test
    void audioOnlyMediaShowTheirWaveform(@TempDir Path data) throws Exception {
        try (AccessWorld world = new AccessWorld(data, false)) {
            String id = world.upload(Who.EDITOR, TestMedia.get(TestMedia.Variant.AUDIO_ONLY));
            byte[] poster = Await.value("the audio poster", Duration.ofSeconds(90), () -> {
                HttpRequest.Builder get = HttpRequest.newBuilder(world.uri("/api/media/" + id + "/poster"));
                world.credentials(Who.EDITOR).forEach(get::header);
                HttpResponse<byte[]> r = HTTP.send(get.build(), HttpResponse.BodyHandlers.ofByteArray());
                return r.statusCode() == 200 ? r.body() : null;
            });
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(poster));
            assertEquals(640, image.getWidth());
            assertEquals(360, image.getHeight());
            // A sine wave fills a band around the middle: bright wave pixels there, dark background at the top.
            int centre = image.getRGB(image.getWidth() / 2, image.getHeight() / 2) & 0xFFFFFF;
            int corner = image.getRGB(2, 2) & 0xFFFFFF;
            assertTrue(brightness(centre) > 150, "the wave crosses the middle: " + Integer.toHexString(centre));
            assertTrue(brightness(corner) < 80, "the background is dark: " + Integer.toHexString(corner));
            Set<Integer> columns = new HashSet<>();
            for (int x = 8; x < image.getWidth() - 8; x += 16) {
                columns.add(brightness(image.getRGB(x, image.getHeight() / 2) & 0xFFFFFF) > 150 ? 1 : 0);
            }
            assertEquals(Set.of(1), columns, "the sound lasts the whole width");
        }
    }

    private static int brightness(int rgb) {
        return (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
    }
}
