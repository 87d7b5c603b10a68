package io.framewise.media.clip.template;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a clip is branded: an ordered list of steps drawn over the clip's frames, plus its output.
 * Values are checked by {@link ClipTemplates#parse}; the records check only what keeps them usable.
 * Placeholders in texts: {title} {project} {version} {date} {timecode} (the SOURCE timecode of the
 * frame) {frame} (the source frame index).
 */
public record ClipTemplate(String name, List<Step> steps, Output output) {

    public ClipTemplate {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        Objects.requireNonNull(output, "output");
    }

    /** One step of a template, in the order they are drawn (later steps on top). */
    public sealed interface Step permits Text, Image, Subtitles, Drawings, Slate, Scale {
        /** The kind as written in JSON ("text", "image", ...). */
        String type();
    }

    /** Where an overlay sits in the picture; a margin keeps it off the edges. */
    public enum Position {
        TOP_LEFT,
        TOP,
        TOP_RIGHT,
        LEFT,
        CENTER,
        RIGHT,
        BOTTOM_LEFT,
        BOTTOM,
        BOTTOM_RIGHT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Position> ofWire(String s) {
            for (Position p : values()) {
                if (p.wire().equals(s)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A line (or lines) of text on every clip frame.
     *
     * @param size text height as a fraction of the picture height, (0, 0.5]
     * @param color "#RRGGBB"
     * @param boxColor the box's colour when {@code box}; black by default
     */
    public record Text(
            String text,
            Position position,
            double size,
            String color,
            double opacity,
            boolean box,
            Optional<String> boxColor)
            implements Step {
        public String type() {
            return "text";
        }
    }

    /**
     * An uploaded PNG over every clip frame.
     *
     * @param scale its width as a fraction of the picture width, (0, 1]
     */
    public record Image(String imageId, Position position, double scale, double opacity) implements Step {
        public String type() {
            return "image";
        }
    }

    /**
     * SRT/VTT subtitles drawn as text while each cue is on (times in the source's time): an uploaded
     * sidecar file ({@code source} "sidecar", {@code fileId} its id) or a subtitle track of the clip's
     * source ({@code source} "track", {@code fileId} the track's id), whose file the clip's context
     * supplies under that id.
     */
    public record Subtitles(String source, String fileId, double size, String color, Position position)
            implements Step {
        public static final String SIDECAR = "sidecar";
        public static final String TRACK = "track";

        public boolean fromTrack() {
            return TRACK.equals(source);
        }

        public String type() {
            return "subtitles";
        }
    }

    /** The drawings of the notes in the clip's range, each on its note's frames. */
    public record Drawings() implements Step {
        public String type() {
            return "drawings";
        }
    }

    /** A title card of {@code frames} frames before the clip's frames. */
    public record Slate(int frames, List<String> lines, String background) implements Step {
        public Slate {
            lines = List.copyOf(lines);
        }

        public String type() {
            return "slate";
        }
    }

    /** Scales down to at most {@code maxHeight} lines; never up. */
    public record Scale(int maxHeight) implements Step {
        public String type() {
            return "scale";
        }
    }

    /** The clip's container and codecs. */
    public enum Format {
        /** H.264 + AAC in MP4. */
        MP4,
        /** VP9 + Opus in WebM. */
        WEBM;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String extension() {
            return "." + wire();
        }
    }

    public record Output(Format format, OptionalInt maxHeight, OptionalInt videoBitrateKbps) {
        public Output {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(maxHeight, "maxHeight");
            Objects.requireNonNull(videoBitrateKbps, "videoBitrateKbps");
        }

        public static Output of(Format format) {
            return new Output(format, OptionalInt.empty(), OptionalInt.empty());
        }
    }

    /** Frames the slate adds before the clip's frames (0 without a slate). */
    public int slateFrames() {
        return slate().map(Slate::frames).orElse(0);
    }

    public Optional<Slate> slate() {
        return steps.stream()
                .filter(Slate.class::isInstance)
                .map(Slate.class::cast)
                .findFirst();
    }

    /** Whether the template changes pictures, so the clip must be re-encoded. */
    public boolean changesPictures() {
        return !steps.isEmpty()
                || output.format() != Format.MP4
                || output.maxHeight().isPresent()
                || output.videoBitrateKbps().isPresent();
    }

    /** The smallest height any scale step or the output asks for, if any. */
    public OptionalInt maxHeight() {
        OptionalInt fromSteps = steps.stream()
                .filter(Scale.class::isInstance)
                .mapToInt(s -> ((Scale) s).maxHeight())
                .min();
        if (fromSteps.isPresent() && output.maxHeight().isPresent()) {
            return OptionalInt.of(
                    Math.min(fromSteps.getAsInt(), output.maxHeight().getAsInt()));
        }
        return fromSteps.isPresent() ? fromSteps : output.maxHeight();
    }

    /** Ids of the uploaded images the steps use. */
    public Set<String> imageIds() {
        return steps.stream()
                .filter(Image.class::isInstance)
                .map(s -> ((Image) s).imageId())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Ids of the uploaded subtitle files the steps use. */
    public Set<String> subtitleFileIds() {
        return steps.stream()
                .filter(s -> s instanceof Subtitles sub && !sub.fromTrack())
                .map(s -> ((Subtitles) s).fileId())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Ids of the source's subtitle tracks the steps burn in. */
    public Set<String> subtitleTrackIds() {
        return steps.stream()
                .filter(s -> s instanceof Subtitles sub && sub.fromTrack())
                .map(s -> ((Subtitles) s).fileId())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean burnsDrawings() {
        return steps.stream().anyMatch(Drawings.class::isInstance);
    }
}
