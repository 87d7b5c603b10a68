package io.framewise.media.clip.template;

import io.framewise.model.time.FrameRange;
import io.framewise.model.time.Timecode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a template's placeholders and file references stand for in one clip.
 *
 * @param title the clip's title ({title})
 * @param project the project's name ({project})
 * @param version the version label, e.g. "v3" ({version})
 * @param date the date shown ({date}, ISO yyyy-mm-dd)
 * @param startTimecode the source's timecode at frame 0; empty = the source file's own start
 *     timecode, or 00:00:00:00 when it has none. The rate is the source frame map's; a drop-frame
 *     start timecode ("01:00:00;00") counts drop frame.
 * @param files uploaded files by id: image ids to PNG paths, subtitle file ids to .srt/.vtt paths
 * @param drawings note drawings with the source frames they belong to
 * @param watermark a line burned over every frame for one viewer ("name · e-mail · time"), if any
 */
public record TemplateContext(
        String title,
        String project,
        String version,
        LocalDate date,
        Optional<Timecode> startTimecode,
        Map<String, Path> files,
        List<Drawing> drawings,
        Optional<String> watermark) {

    public TemplateContext {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(startTimecode, "startTimecode");
        files = Map.copyOf(files);
        drawings = List.copyOf(drawings);
        Objects.requireNonNull(watermark, "watermark");
    }

    /**
     * One note's drawing: the shapes as the notes API stores them ({"schema":1,"shapes":[...]},
     * points normalised to the picture) on the SOURCE frames {@code frames}.
     */
    public record Drawing(FrameRange frames, String shapesJson) {
        public Drawing {
            Objects.requireNonNull(frames, "frames");
            Objects.requireNonNull(shapesJson, "shapesJson");
        }
    }

    /** A context with just a title (CLI use): no project, version, files or drawings; today's date. */
    public static TemplateContext of(String title) {
        return new TemplateContext(
                title, "", "", LocalDate.now(), Optional.empty(), Map.of(), List.of(), Optional.empty());
    }

    public TemplateContext withFiles(Map<String, Path> value) {
        return new TemplateContext(title, project, version, date, startTimecode, value, drawings, watermark);
    }

    public TemplateContext withDrawings(List<Drawing> value) {
        return new TemplateContext(title, project, version, date, startTimecode, files, value, watermark);
    }

    public TemplateContext withWatermark(String line) {
        return new TemplateContext(
                title, project, version, date, startTimecode, files, drawings, Optional.of(line));
    }

    public TemplateContext withStartTimecode(Timecode value) {
        return new TemplateContext(title, project, version, date, Optional.of(value), files, drawings, watermark);
    }

    /** The file an id stands for; a template naming an id the context does not have is refused. */
    public Path file(String id, String path) {
        Path p = files.get(id);
        if (p == null) {
            throw new TemplateException(path, "names file " + id + ", which is not available");
        }
        return p;
    }
}
