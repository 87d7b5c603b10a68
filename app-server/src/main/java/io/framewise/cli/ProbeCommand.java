package io.framewise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.framewise.media.probe.MediaProbe;
import io.framewise.model.media.AudioStreamInfo;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.SubtitleStreamInfo;
import io.framewise.model.media.VideoStreamInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise probe FILE}: what the media is, as JSON. */
@Command(
        name = "probe",
        description = "Print what a media file holds as JSON: container, exact frame count and rate,"
                + " start timecode, picture, colour, audio and subtitle streams.")
final class ProbeCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The media file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        MediaInfo info = MediaProbe.probe(file);
        spec.commandLine().getOut().println(JSON.writeValueAsString(toJson(info)));
        return 0;
    }

    /** The flat JSON shape other tools rely on, then the details. */
    static Map<String, Object> toJson(MediaInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        VideoStreamInfo v = info.video().orElse(null);
        m.put("container", info.container());
        m.put("durationSeconds", info.durationSeconds());
        m.put("frameRate", v == null ? null : v.frameRate().toString());
        m.put("frameCount", v == null ? 0 : v.frameCount());
        m.put("variableFrameRate", v != null && v.variableFrameRate());
        m.put("startTimecode", info.startTimecode().orElse(null));
        m.put("dropFrame", info.dropFrame());
        m.put("width", v == null ? null : v.displayWidth());
        m.put("height", v == null ? null : v.displayHeight());
        m.put("rotation", v == null ? 0 : v.rotation());
        m.put("videoCodec", v == null ? null : v.codec());
        m.put("audio", info.audio().stream().map(ProbeCommand::audio).toList());
        m.put("subtitles", info.subtitles().stream().map(ProbeCommand::subtitle).toList());
        m.put("formatName", info.formatName());
        m.put("bitRate", info.bitRate());
        m.put("video", v == null ? null : video(v));
        return m;
    }

    private static Map<String, Object> video(VideoStreamInfo v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", v.index());
        m.put("codec", v.codec());
        m.put("profile", v.profile().orElse(null));
        m.put("codedWidth", v.codedWidth());
        m.put("codedHeight", v.codedHeight());
        m.put("displayWidth", v.displayWidth());
        m.put("displayHeight", v.displayHeight());
        m.put("sampleAspectRatio", v.sampleAspectRatio());
        m.put("rotation", v.rotation());
        m.put("pixelFormat", v.pixelFormat());
        m.put("bitDepth", v.bitDepth());
        m.put(
                "color",
                Map.of(
                        "primaries", v.color().primaries(),
                        "transfer", v.color().transfer(),
                        "matrix", v.color().matrix(),
                        "range", v.color().range()));
        m.put("frameRate", v.frameRate().toString());
        m.put("frameCount", v.frameCount());
        m.put("variableFrameRate", v.variableFrameRate());
        m.put("bitRate", v.bitRate());
        m.put("stillImage", v.stillImage());
        m.put("fieldOrder", v.fieldOrder());
        m.put("interlaced", v.interlaced());
        // Which track "the" video is when there are several: the first marked default, else the first.
        m.put("videoStreams", v.videoStreams());
        // Only present when the file's timestamps collided, went backwards or were missing.
        v.timestampRepair().ifPresent(r -> m.put("timestampRepair", r));
        return m;
    }

    private static Map<String, Object> audio(AudioStreamInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", a.index());
        m.put("codec", a.codec());
        m.put("profile", a.profile().orElse(null));
        m.put("channels", a.channels());
        m.put("channelLayout", a.channelLayout());
        m.put("sampleRate", a.sampleRate());
        m.put("bitRate", a.bitRate());
        m.put("language", a.language().orElse(null));
        return m;
    }

    private static Map<String, Object> subtitle(SubtitleStreamInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", s.index());
        m.put("codec", s.codec());
        m.put("language", s.language().orElse(null));
        m.put("title", s.title().orElse(null));
        m.put("default", s.defaultTrack());
        m.put("text", s.text());
        return m;
    }
}
