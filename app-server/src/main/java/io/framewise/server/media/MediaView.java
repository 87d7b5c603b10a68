package io.framewise.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a media item the API answers with. Probe facts are {@code null} until the probe
 * has run; {@code frameRate} is the exact rational as {@code "num/den"}; {@code error} is the failure
 * reason or {@code null}; {@code renditions} lists the derived files with the URL each is served at;
 * {@code clipOf} is where a clip was cut from, {@code null} for other media. {@code startFrame} is
 * the number frame index 0 shows in frame-number mode (an image sequence's first file number, else
 * 0) and {@code sequence} describes an image sequence ({@code null} for other media).
 */
public final class MediaView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaView() {}

    /** The item as a media item that is not a clip ({@code clipOf} null). */
    public static Map<String, Object> of(MediaItem item, List<Rendition> renditions) {
        return of(item, renditions, Optional.empty());
    }

    /** The item, with {@code clipOf} telling where it was cut from when it is a clip. */
    public static Map<String, Object> of(MediaItem item, List<Rendition> renditions, Optional<ClipOrigin> clipOf) {
        Map<String, Object> out = new LinkedHashMap<>();
        ProbeSummary p = item.probe();
        out.put("id", item.id());
        out.put("name", item.originalName());
        out.put("status", item.status().wire());
        out.put("frameCount", p == null ? null : p.frameCount());
        out.put(
                "frameRate",
                p == null || p.frameRate() == null ? null : p.frameRate().toString());
        out.put("startTimecode", p == null ? null : p.startTimecode());
        Optional<JsonNode> sequence = p == null ? Optional.empty() : sequenceOf(p);
        out.put(
                "startFrame",
                p == null
                        ? null
                        : sequence.map(seq -> seq.path("first").asLong()).orElse(0L));
        out.put("sequence", sequence.orElse(null));
        out.put("dropFrame", p == null ? null : p.dropFrame());
        out.put("width", p == null ? null : p.width());
        out.put("height", p == null ? null : p.height());
        out.put("durationSeconds", p == null ? null : p.durationMicros() / 1_000_000.0);
        out.put("hasAudio", p == null ? null : p.hasAudio());
        out.put("sizeBytes", item.sizeBytes());
        out.put("sha256", item.sha256());
        out.put("error", item.error());
        String base = "/api/media/" + item.id();
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("kind", "original");
        original.put("status", "ready");
        original.put("url", base + "/stream?rendition=original");
        list.add(original);
        for (Rendition r : renditions) {
            if (r.kind() == RenditionKind.STILLS) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", r.kind().wire());
            m.put("status", r.status().wire());
            m.put("url", base + urlOf(r.kind()));
            list.add(m);
        }
        out.put("renditions", list);
        out.put("clipOf", clipOf.map(ClipOrigin::toJson).orElse(null));
        out.put("createdAt", item.created().toString());
        out.put("updatedAt", item.updated().toString());
        return out;
    }

    /**
     * The image sequence the probe found ({@code pattern}, {@code first}, {@code last}, {@code
     * missing}), read from the stored probe; most items are not one, and their probe is not parsed.
     */
    private static Optional<JsonNode> sequenceOf(ProbeSummary probe) {
        if (probe.json() == null || !probe.json().contains("\"sequence\"")) {
            return Optional.empty();
        }
        try {
            JsonNode seq = JSON.readTree(probe.json()).path("sequence");
            return seq.isObject() ? Optional.of(seq) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String urlOf(RenditionKind kind) {
        return switch (kind) {
            case PROXY -> "/stream?rendition=proxy";
            case POSTER -> "/poster";
            case SPRITES -> "/sprites";
            case WAVEFORM -> "/waveform.json";
            case STILLS -> "/frames";
            case HLS -> "/hls/master.m3u8";
            case SEEK_PROXY -> "/frames?source=seek";
        };
    }
}
