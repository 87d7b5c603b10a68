package io.framewise.desktop.ui;

import io.framewise.desktop.review.Ticker;
import javafx.animation.AnimationTimer;

/** {@link Ticker} on the JavaFX pulse: ticks on the FX thread, catching up if a pulse ran late. */
public final class FxTicker implements Ticker {

    private AnimationTimer timer;

    @Override
    public void start(double ticksPerSecond, Runnable tick) {
        stop();
        long period = (long) (1_000_000_000L / ticksPerSecond);
        timer = new AnimationTimer() {
            private long next = -1;

            @Override
            public void handle(long now) {
                if (next < 0) {
                    next = now + period;
                    return;
                }
                // At most two ticks per pulse, so a stall does not turn into a burst.
                for (int i = 0; i < 2 && now >= next; i++) {
                    tick.run();
                    next += period;
                }
                if (now >= next) {
                    next = now + period;
                }
            }
        };
        timer.start();
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }
}
