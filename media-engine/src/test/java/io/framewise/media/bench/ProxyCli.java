package io.framewise.media.bench;

import io.framewise.media.transcode.ProxySettings;
import java.nio.file.Path;
import java.util.List;

/** The ffmpeg CLI command that makes the same proxy as {@code ProxyTranscoder} with these settings. */
final class ProxyCli {

    private ProxyCli() {}

    static List<String> args(Path source, Path output, ProxySettings s, int keyint) {
        return List.of(
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-i",
                source.toString(),
                "-map",
                "0:v:0",
                "-map",
                "0:a:0?",
                "-vf",
                "scale=w=-2:h='min(ih," + s.maxHeight() + ")',format=yuv420p,setsar=1",
                "-fps_mode",
                "passthrough",
                "-c:v",
                "libx264",
                "-preset",
                s.preset(),
                "-crf",
                Integer.toString(s.crf()),
                "-profile:v",
                "high",
                "-g",
                Integer.toString(keyint),
                "-keyint_min",
                Integer.toString(keyint),
                "-x264-params",
                "scenecut=0",
                "-c:a",
                "aac",
                "-b:a",
                Integer.toString(s.audioBitrate()),
                "-ar",
                "48000",
                "-ac",
                "2",
                "-movflags",
                "+faststart",
                output.toString());
    }
}
