package io.framewise.desktop.player;

import java.util.function.LongConsumer;

/**
 * Native playback. A player plays forward at a rate and reports, for every picture it shows, the
 * frame index of that picture: counted from the frame it was started on, never read from its
 * clock. Stepping and paused pictures are not its job: those are frame-exact stills.
 */
public interface Player extends AutoCloseable {

    /** Whether playback works here; when not, {@link #unavailableReason()} says how to fix it. */
    boolean available();

    String unavailableReason();

    /** Starts showing frames from {@code fromFrame} at {@code rate} (1 = normal speed, up to 8). */
    void play(long fromFrame, double rate);

    /** Pauses and answers the index of the last frame shown. */
    long pause();

    /** Called (on the player's own thread) with the index of every frame shown while playing. */
    void onFrame(LongConsumer listener);

    @Override
    void close();

    /** No native playback: the app still steps and plays from stills. */
    static Player none(String reason) {
        return new Player() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String unavailableReason() {
                return reason;
            }

            @Override
            public void play(long fromFrame, double rate) {
                throw new IllegalStateException(reason);
            }

            @Override
            public long pause() {
                throw new IllegalStateException(reason);
            }

            @Override
            public void onFrame(LongConsumer listener) {}

            @Override
            public void close() {}
        };
    }
}
