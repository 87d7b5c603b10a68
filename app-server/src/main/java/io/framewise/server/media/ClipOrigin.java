package io.framewise.server.media;

import io.framewise.server.db.Ids;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a clip comes from, as a media item shows it ({@code clipOf}): the source and the source
 * frames asked for, the mode, and once the clip is cut the source frames it holds.
 *
 * @param actualIn the source frame the clip's frame 0 shows, {@code null} until the clip is cut
 * @param actualOut the exclusive end of the source frames the clip holds, {@code null} until cut
 * @param snapped whether the range snapped outward to keyframes (copy mode)
 * @param templateId the template applied while cutting, or {@code null}
 */
public record ClipOrigin(
        String mediaId,
        long in,
        long out,
        String mode,
        boolean snapped,
        Long actualIn,
        Long actualOut,
        String templateId) {

    /** Tells the media item a clip comes from, for media views that show it. */
    @FunctionalInterface
    public interface Lookup {
        /** No media is a clip (servers and tests without clips). */
        Lookup NONE = mediaId -> Optional.empty();

        Optional<ClipOrigin> of(String mediaId);

        /** Where each of several items was cut from (a listing's page); items that are not clips are left out. */
        default Map<String, ClipOrigin> of(Collection<String> mediaIds) {
            Map<String, ClipOrigin> out = new HashMap<>();
            for (String id : mediaIds) {
                of(id).ifPresent(origin -> out.put(id, origin));
            }
            return out;
        }
    }

    public ClipOrigin {
        Ids.require("mediaId", mediaId);
        Objects.requireNonNull(mode, "mode");
        if (in < 0 || out <= in) {
            throw new IllegalArgumentException(
                    "a clip's range must be [in, out) with 0 <= in < out, got [" + in + ", " + out + ")");
        }
    }

    /** The JSON form of {@code clipOf}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mediaId", mediaId);
        m.put("in", in);
        m.put("out", out);
        m.put("mode", mode);
        m.put("snapped", snapped);
        m.put("actualIn", actualIn);
        m.put("actualOut", actualOut);
        m.put("templateId", templateId);
        return m;
    }
}
