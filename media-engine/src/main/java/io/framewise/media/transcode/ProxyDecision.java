package io.framewise.media.transcode;

import java.util.List;
import java.util.Objects;

/**
 * Whether a media file needs a browser proxy, and why.
 *
 * @param needed true when a browser cannot play the original as it is
 * @param reasons human-readable reasons, one per problem found; empty when no proxy is needed
 */
public record ProxyDecision(boolean needed, List<String> reasons) {

    public ProxyDecision {
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
        if (needed == reasons.isEmpty()) {
            throw new IllegalArgumentException("a proxy is needed exactly when there are reasons: " + reasons);
        }
    }

    public static ProxyDecision playable() {
        return new ProxyDecision(false, List.of());
    }

    public static ProxyDecision needed(List<String> reasons) {
        return new ProxyDecision(true, reasons);
    }
}
