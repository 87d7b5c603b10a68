package io.framewise.server.jobs;

import io.framewise.media.Cancellation;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.thumbs.Poster;
import io.framewise.media.thumbs.SpriteSheet;
import io.framewise.media.waveform.Waveform;
import io.framewise.media.waveform.WaveformImage;
import io.framewise.media.waveform.WaveformPeaks;
import io.framewise.server.crypto.SealedMedia;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.RenditionKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Poster, hover-scrub sprite sheet (image and index) and, when there is audio, waveform peaks: each
 * written atomically into the item's folder and recorded as a rendition, so a re-run replaces them.
 */
final class ThumbnailStep {

    static final int POSTER_WIDTH = 640;
    static final int PEAKS_PER_SECOND = 100;
    static final int AUDIO_POSTER_HEIGHT = 360;

    private final MediaFiles files;
    private final MediaRepository media;

    ThumbnailStep(MediaFiles files, MediaRepository media) {
        this.files = files;
        this.media = media;
    }

    void run(MediaItem item, Path original, Cancellation cancel) throws IOException {
        String id = item.id();
        if (item.frameMapPath() != null && item.probe() != null && item.probe().width() > 0) {
            FrameMap map = FrameMap.fromBytes(
                    io.framewise.server.crypto.SealedMedia.readAllBytes(files.resolve(item.frameMapPath())));
            try (FrameReader reader = FrameReader.open(original, map)) {
                int width = Math.max(16, Math.min(POSTER_WIDTH, item.probe().width()));
                Poster poster = Poster.create(reader, width, StillEncoder.DEFAULT_QUALITY);
                Path posterFile = files.file(id, MediaFiles.POSTER);
                SealedMedia.write(posterFile, poster.jpeg());
                media.putRendition(
                        id,
                        RenditionKind.POSTER,
                        files.relative(posterFile),
                        MediaStatus.READY,
                        "{\"frame\":" + poster.index() + ",\"width\":" + poster.width() + ",\"height\":"
                                + poster.height() + "}");
                cancel.check(original);

                SpriteSheet sheet = SpriteSheet.create(reader, SpriteSheet.Layout.DEFAULT);
                Path sheetFile = files.file(id, MediaFiles.SPRITES);
                String index = sheet.index().toJson();
                // The index first: a reader that finds the image always finds the index beside it.
                SealedMedia.write(files.file(id, MediaFiles.SPRITES_INDEX), index.getBytes(StandardCharsets.UTF_8));
                SealedMedia.write(sheetFile, sheet.jpeg());
                media.putRendition(id, RenditionKind.SPRITES, files.relative(sheetFile), MediaStatus.READY, index);
            }
        }
        cancel.check(original);
        if (item.probe() != null && item.probe().hasAudio()) {
            WaveformPeaks peaks = Waveform.compute(original, PEAKS_PER_SECOND, cancel);
            Path waveFile = files.file(id, MediaFiles.WAVEFORM);
            SealedMedia.write(waveFile, peaks.toJson().getBytes(StandardCharsets.UTF_8));
            media.putRendition(
                    id,
                    RenditionKind.WAVEFORM,
                    files.relative(waveFile),
                    MediaStatus.READY,
                    "{\"peaks\":" + peaks.length() + ",\"peaksPerSecond\":" + PEAKS_PER_SECOND + "}");
            if (item.probe().width() <= 0) {
                // Audio only: the waveform is its poster, so the library shows the sound, not an icon.
                Path posterFile = files.file(id, MediaFiles.POSTER);
                SealedMedia.write(posterFile, waveformJpeg(peaks));
                media.putRendition(
                        id,
                        RenditionKind.POSTER,
                        files.relative(posterFile),
                        MediaStatus.READY,
                        "{\"waveform\":true,\"width\":" + POSTER_WIDTH + ",\"height\":" + AUDIO_POSTER_HEIGHT + "}");
            }
        }
    }

    /** The waveform as a 16:9 JPEG, the poster format every client already shows. */
    static byte[] waveformJpeg(WaveformPeaks peaks) throws IOException {
        java.awt.image.BufferedImage image = WaveformImage.render(peaks, POSTER_WIDTH, AUDIO_POSTER_HEIGHT);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (!javax.imageio.ImageIO.write(image, "jpg", out)) {
            throw new IOException("no JPEG writer in this Java runtime");
        }
        return out.toByteArray();
    }
}
