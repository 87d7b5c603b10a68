package io.framewise.desktop.player;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Stills from the server's {@code /api/media/{id}/frames/{n}} (lossless PNG, decoded here). */
public final class RemoteStills implements StillSource {

    private final ApiClient api;
    private final String mediaId;

    public RemoteStills(ApiClient api, String mediaId) {
        this.api = api;
        this.mediaId = mediaId;
    }

    @Override
    public StillImage load(long index) {
        return decode(index, api.still(mediaId, index, 0), false);
    }

    /** A still the server encoded (PNG or JPEG) as the ViewModels' neutral picture. */
    static StillImage decode(long index, byte[] encoded, boolean preview) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new ApiError(0, "bad_still", "The still of frame " + index + " could not be decoded", null);
        }
        if (img == null) {
            throw new ApiError(0, "bad_still", "The server's still of frame " + index + " is not an image", null);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        return new StillImage(index, w, h, img.getRGB(0, 0, w, h, null, 0, w), preview);
    }
}
