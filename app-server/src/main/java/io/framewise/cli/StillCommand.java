package io.framewise.cli;

import io.framewise.media.probe.MediaProbe;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.media.still.Stills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise still FILE --frame N -o OUT}: frame-exact pictures by index. */
@Command(
        name = "still",
        description = "Write the frame-exact picture of one or more frames."
                + " One frame: -o names the file (.png, .jpg or .webp)."
                + " Several frames (--frame 1,50,99): -o names a folder that gets frame-%%06d.png for each.")
final class StillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The media file.")
    Path file;

    @Option(
            names = "--frame",
            required = true,
            split = ",",
            paramLabel = "N",
            description = "Frame index or timecode; a comma-separated list writes several in one pass.")
    List<String> frames;

    @Option(
            names = "-o",
            required = true,
            paramLabel = "OUT",
            description = "Output file, or folder for several frames.")
    Path output;

    @Option(
            names = "--width",
            paramLabel = "W",
            description = "Scale down to this width (aspect kept; never enlarged). Default: full size.")
    Integer width;

    @Option(
            names = "--format",
            paramLabel = "FMT",
            description = "png, jpg or webp for several frames (default png); one frame follows the -o extension.")
    String format;

    @Option(names = "--quality", paramLabel = "Q", defaultValue = "90", description = "JPEG/WebP quality 1-100.")
    int quality;

    @Override
    public Integer call() throws IOException {
        if (width != null && width < 16) {
            throw new IllegalArgumentException("--width must be at least 16, was " + width);
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("--quality must be 1 to 100, was " + quality);
        }
        try (FrameReader reader = FrameReader.open(file)) {
            long[] indices = resolve(reader);
            if (indices.length == 1 && !Files.isDirectory(output)) {
                StillFormat fmt = format != null ? formatNamed(format) : StillFormat.fromFileName(output.toString());
                Picture picture = width == null ? reader.read(indices[0]) : reader.read(indices[0], width);
                Stills.write(output, StillEncoder.encode(picture, fmt, quality));
                spec.commandLine().getOut().println(output);
                return 0;
            }
            StillFormat fmt = formatNamed(format == null ? "png" : format);
            Files.createDirectories(output);
            List<Picture> pictures = width == null ? reader.readAll(indices) : reader.readAll(indices, width);
            for (Picture p : pictures) {
                Path target = output.resolve(fmt.fileName(p.index()));
                Stills.write(target, StillEncoder.encode(p, fmt, quality));
                spec.commandLine().getOut().println(target);
            }
            return 0;
        }
    }

    private long[] resolve(FrameReader reader) {
        long count = reader.frameCount();
        boolean anyTimecode = frames.stream().anyMatch(f -> new FramePosition(f).isTimecode());
        Optional<String> start = anyTimecode ? MediaProbe.probe(file).startTimecode() : Optional.empty();
        long[] indices = new long[frames.size()];
        for (int i = 0; i < indices.length; i++) {
            long index =
                    new FramePosition(frames.get(i)).resolve(reader.frameMap().frameRate(), start, count);
            if (index >= count) {
                throw new IllegalArgumentException(
                        "frame " + frames.get(i) + " is outside the media, which has frames 0 to " + (count - 1));
            }
            indices[i] = index;
        }
        return indices;
    }

    private static StillFormat formatNamed(String name) {
        return StillFormat.fromFileName("still." + name);
    }
}
