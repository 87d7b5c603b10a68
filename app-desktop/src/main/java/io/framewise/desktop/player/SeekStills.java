package io.framewise.desktop.player;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import java.util.concurrent.CompletableFuture;

/**
 * Quick pictures for jumps from the server's seek proxy ({@code /frames/{n}?source=seek}, ADR
 * 0051): an all-intra copy whose frame n is the original's frame n, so one keyframe decode answers
 * any index. They are shown until the frame-exact still of the same frame replaces them (ADR 0057).
 * Items without a ready seek proxy answer 404 once; from then on this clip asks no more and jumps
 * wait for the exact still, as before.
 */
public final class SeekStills {

    private final ApiClient api;
    private final String mediaId;
    private volatile boolean available = true;

    public SeekStills(ApiClient api, String mediaId) {
        this.api = api;
        this.mediaId = mediaId;
    }

    /** False once the server said this item has no seek proxy. */
    public boolean available() {
        return available;
    }

    /**
     * The seek proxy's picture of frame {@code index}, marked as a preview. Cancelling the answer
     * (a newer jump made it stale) aborts the request rather than letting it queue.
     */
    public CompletableFuture<StillImage> get(long index) {
        if (!available) {
            return CompletableFuture.failedFuture(new ApiError(404, "no_seek_proxy", "No seek proxy", null));
        }
        CompletableFuture<byte[]> asked = api.seekStill(mediaId, index);
        CompletableFuture<StillImage> picture = asked.handle((body, err) -> {
            if (err != null) {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause()
                        : err;
                if (cause instanceof ApiError e && e.status() == 404) {
                    available = false;
                }
                throw cause instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(cause);
            }
            return RemoteStills.decode(index, body, true);
        });
        picture.whenComplete((img, err) -> {
            if (picture.isCancelled()) {
                asked.cancel(true);
            }
        });
        return picture;
    }
}
