package io.framewise.desktop.review;

/**
 * A steady beat for playback from stills (reverse shuttle, or no VLC). The app uses the FX pulse;
 * tests beat it by hand, so they never wait on a clock.
 */
public interface Ticker {

    void start(double ticksPerSecond, Runnable tick);

    void stop();
}
