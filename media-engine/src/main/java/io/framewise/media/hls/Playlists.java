package io.framewise.media.hls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads what a rendition's media playlist says about its segments and writes the master playlist. */
final class Playlists {

    /** Segment count and bit rates measured from the files a media playlist lists. */
    record Measured(int segments, long peakBitrate, long averageBitrate) {}

    private Playlists() {}

    /** The peak and average bit rate of the segments {@code playlist} lists (sizes over EXTINF durations). */
    static Measured measure(Path playlist) {
        try {
            List<String> lines = Files.readAllLines(playlist, StandardCharsets.UTF_8);
            Path folder = playlist.getParent();
            double duration = -1;
            double totalSeconds = 0;
            long totalBytes = 0;
            long peak = 0;
            int segments = 0;
            for (String line : lines) {
                String l = line.strip();
                if (l.startsWith("#EXTINF:")) {
                    String value = l.substring("#EXTINF:".length());
                    int comma = value.indexOf(',');
                    duration = Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
                } else if (!l.isEmpty() && !l.startsWith("#") && duration >= 0) {
                    long bytes = Files.size(folder.resolve(l));
                    if (duration > 0) {
                        peak = Math.max(peak, Math.round(bytes * 8 / duration));
                    }
                    totalSeconds += duration;
                    totalBytes += bytes;
                    segments++;
                    duration = -1;
                }
            }
            if (segments == 0) {
                throw new IllegalStateException("the playlist lists no segments: " + playlist);
            }
            long average = totalSeconds > 0 ? Math.round(totalBytes * 8 / totalSeconds) : peak;
            return new Measured(segments, Math.max(peak, average), average);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + playlist, e);
        }
    }

    /** The master playlist text: one variant per rendition, largest first, URIs relative to it. */
    static String master(List<HlsRendition> renditions, double framesPerSecond) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (HlsRendition r : renditions) {
            out.append(String.format(
                    Locale.ROOT,
                    "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,FRAME-RATE=%.3f,CODECS=\"%s\"\n",
                    r.peakBitrate(),
                    r.averageBitrate(),
                    r.width(),
                    r.height(),
                    framesPerSecond,
                    r.codecs()));
            out.append(r.name()).append('/').append(HlsLadder.PLAYLIST).append('\n');
        }
        return out.toString();
    }
}
