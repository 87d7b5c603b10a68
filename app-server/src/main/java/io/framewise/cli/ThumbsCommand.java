package io.framewise.cli;

import io.framewise.media.probe.MediaProbe;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.Stills;
import io.framewise.media.thumbs.Poster;
import io.framewise.media.thumbs.SpriteSheet;
import io.framewise.media.waveform.Waveform;
import io.framewise.media.waveform.WaveformImage;
import io.framewise.media.waveform.WaveformPeaks;
import io.framewise.model.media.MediaInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise thumbs FILE -o DIR}: poster, hover-scrub sprite sheet and audio waveform. */
@Command(
        name = "thumbs",
        description = "Write the poster (poster.jpg), the hover-scrub sprite sheet (sprites.jpg + sprites.json,"
                + " which frame each tile shows) and the audio waveform (waveform.json peaks + waveform.png).")
final class ThumbsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The media file.")
    Path file;

    @Option(names = "-o", required = true, paramLabel = "DIR", description = "Output folder (created when missing).")
    Path dir;

    @Option(names = "--tiles", defaultValue = "100", description = "Sprite sheet tiles (fewer for short media).")
    int tiles;

    @Option(names = "--tile-width", defaultValue = "160", paramLabel = "PX", description = "Width of one tile.")
    int tileWidth;

    @Option(names = "--poster-width", defaultValue = "1280", paramLabel = "PX", description = "Poster width at most.")
    int posterWidth;

    @Option(names = "--peaks-per-second", defaultValue = "100", description = "Waveform resolution.")
    int peaksPerSecond;

    @Override
    public Integer call() throws Exception {
        if (tiles < 1 || tiles > 1000) {
            throw new IllegalArgumentException("--tiles must be 1 to 1000, was " + tiles);
        }
        if (tileWidth < 16 || posterWidth < 16) {
            throw new IllegalArgumentException("--tile-width and --poster-width must be at least 16");
        }
        if (peaksPerSecond < 1 || peaksPerSecond > 1000) {
            throw new IllegalArgumentException("--peaks-per-second must be 1 to 1000, was " + peaksPerSecond);
        }
        MediaInfo info = MediaProbe.probe(file);
        Files.createDirectories(dir);
        Map<String, Object> written = new LinkedHashMap<>();
        if (info.hasVideo()) {
            try (FrameReader reader = FrameReader.open(file)) {
                // Posters are never upscaled.
                int width = Math.min(posterWidth, info.video().orElseThrow().displayWidth());
                Poster poster = Poster.create(reader, width, StillEncoder.DEFAULT_QUALITY);
                Stills.write(dir.resolve("poster.jpg"), poster.jpeg());
                written.put("poster", Map.of("file", "poster.jpg", "frame", poster.index()));

                SpriteSheet.Layout layout = new SpriteSheet.Layout(
                        tiles, tileWidth, SpriteSheet.Layout.DEFAULT.columns(), SpriteSheet.Layout.DEFAULT.quality());
                SpriteSheet sheet = SpriteSheet.create(reader, layout);
                Stills.write(dir.resolve("sprites.jpg"), sheet.jpeg());
                Stills.write(dir.resolve("sprites.json"), sheet.index().toJson().getBytes(StandardCharsets.UTF_8));
                written.put(
                        "sprites",
                        Map.of(
                                "file",
                                "sprites.jpg",
                                "index",
                                "sprites.json",
                                "tiles",
                                sheet.index().tileCount()));
            }
        }
        if (!info.audio().isEmpty()) {
            WaveformPeaks peaks = Waveform.compute(file, peaksPerSecond);
            Stills.write(dir.resolve("waveform.json"), peaks.toJson().getBytes(StandardCharsets.UTF_8));
            Stills.write(dir.resolve("waveform.png"), WaveformImage.renderPng(peaks, 1800, 140));
            written.put("waveform", Map.of("file", "waveform.json", "image", "waveform.png", "peaks", peaks.length()));
        }
        if (written.isEmpty()) {
            throw new IllegalArgumentException(file + " has neither video nor audio to make thumbnails of");
        }
        spec.commandLine().getOut().println(ProbeCommand.JSON.writeValueAsString(written));
        return 0;
    }
}
