package io.framewise.server.media;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Content types by file extension for what the server streams: media, stills, subtitles, manifests. */
public final class ContentTypes {

    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("mkv", "video/x-matroska"),
            Map.entry("webm", "video/webm"),
            Map.entry("avi", "video/x-msvideo"),
            Map.entry("mxf", "application/mxf"),
            Map.entry("ts", "video/mp2t"),
            Map.entry("m2ts", "video/mp2t"),
            Map.entry("mpg", "video/mpeg"),
            Map.entry("mpeg", "video/mpeg"),
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("aac", "audio/aac"),
            Map.entry("wav", "audio/wav"),
            Map.entry("flac", "audio/flac"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("opus", "audio/opus"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("gif", "image/gif"),
            Map.entry("vtt", "text/vtt; charset=utf-8"),
            Map.entry("srt", "application/x-subrip"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private ContentTypes() {}

    /** The content type for a file name, or {@value #OCTET_STREAM} when the extension is unknown. */
    public static String of(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        if (dot < 0 || dot == s.length() - 1) {
            return OCTET_STREAM;
        }
        return BY_EXTENSION.getOrDefault(s.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
    }
}
