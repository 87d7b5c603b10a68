package io.framewise.desktop.review;

import io.framewise.desktop.player.SeekStills;
import io.framewise.desktop.player.StillCache;
import io.framewise.desktop.player.StillImage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The quick picture of a jump (ADR 0057): the server's seek proxy still of the new frame, asked
 * beside the exact still and handed to the transport on the UI thread, which shows it only if the
 * playhead is still there and the exact still is not up yet. One request at a time: a newer move
 * cancels the older one, aborting its exchange rather than letting answers queue.
 */
final class JumpPreview {

    private final Executor ui;
    private SeekStills seeks;
    private CompletableFuture<StillImage> asked = CompletableFuture.completedFuture(null);

    JumpPreview(Executor ui) {
        this.ui = ui;
    }

    /** The seek stills of the clip now open, or null for none. */
    void use(SeekStills newSeeks) {
        cancel();
        this.seeks = newSeeks;
    }

    /** Drops the request of the last jump (the playhead moved again). */
    void cancel() {
        asked.cancel(true);
    }

    /**
     * Asks for the seek still of {@code index} unless the exact still is held already or the item
     * has no seek proxy. Failures say nothing: the exact still, asked beside it, reports its own,
     * and the usual one (no seek proxy, a 404) turns the seek stills off for this clip.
     */
    void ask(long index, StillCache exact, Consumer<StillImage> offer) {
        SeekStills s = seeks;
        if (s == null || !s.available() || exact == null || exact.holds(index)) {
            return;
        }
        CompletableFuture<StillImage> a = s.get(index);
        asked = a;
        a.whenComplete((img, err) -> {
            if (err == null) {
                ui.execute(() -> offer.accept(img));
            }
        });
    }
}
