package io.framewise.desktop.player;

import io.framewise.model.time.FrameRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.WritableImage;
import uk.co.caprica.vlcj.factory.MediaPlayerFactory;
import uk.co.caprica.vlcj.factory.discovery.NativeDiscovery;
import uk.co.caprica.vlcj.player.embedded.EmbeddedMediaPlayer;

/**
 * Playback by libvlc (vlcj 4.12) into a {@link VideoSurface}. VLC's clock is not a frame clock
 * (its time lags the picture and does not move on a frame step), so the frame index is counted:
 * every play starts VLC at the exact time of the asked frame, and each picture VLC shows after
 * that is the next frame. docs/decisions/0016-desktop-playback-and-frame-truth.md says why.
 */
public final class VlcPlayer implements Player {

    /** What to tell a user whose machine lacks libvlc. */
    public static final String INSTALL_HINT = "VLC is not installed, so playback uses frame-exact stills only."
            + " To play natively install it: sudo apt-get install libvlc5 vlc-plugin-base";

    private final MediaPlayerFactory factory;
    private final EmbeddedMediaPlayer player;
    private final VideoSurface surface = new VideoSurface();
    private final String mrl;
    private final FrameRate rate;
    private volatile LongConsumer listener = i -> {};
    private volatile long startFrame;
    private volatile long startCount;
    private volatile long lastShown = -1;
    private volatile long count;
    private volatile boolean counting;
    private volatile long target;
    private volatile long reported = -1;
    private volatile double speed = 1;
    private final long[] keyframes;

    private VlcPlayer(MediaPlayerFactory factory, String mrl, FrameRate rate, long[] keyframes) {
        this.keyframes = keyframes == null || keyframes.length == 0 ? new long[] {0} : keyframes.clone();
        this.factory = factory;
        this.player = factory.mediaPlayers().newEmbeddedMediaPlayer();
        this.mrl = mrl;
        this.rate = rate;
        player.videoSurface().set(factory.videoSurfaces().newVideoSurface(surface, surface, true));
        surface.onDisplayed(n -> {
            count = n;
            if (!counting) {
                // Paused, VLC redisplays its picture now and then, and a few frames still arrive
                // after a pause request: neither is a new frame of playback.
                return;
            }
            long index = startFrame + (n - startCount) - 1;
            if (index < target) {
                // From the keyframe up to the asked frame: counted, not reported (the still stays).
                reported = -1;
                return;
            }
            lastShown = index;
            reported = index;
            listener.accept(index);
        });
    }

    /** Whether libvlc can be found on this machine. */
    public static boolean libvlcPresent() {
        try {
            return new NativeDiscovery().discover();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * A VLC player for {@code mrl} (a file path or an http URL), or a player that says how to
     * install VLC when libvlc is missing. {@code headless} leaves audio out (tests, CI).
     */
    public static Player open(String mrl, FrameRate rate, boolean headless) {
        return open(mrl, rate, new long[] {0}, headless);
    }

    /**
     * As {@link #open(String, FrameRate, boolean)}, with the media's keyframe indices (ascending,
     * from its frame map): a play starts VLC on the keyframe at or before the asked frame, where
     * VLC starts cleanly, and counts its way to the asked frame; frames are reported from there.
     */
    public static Player open(String mrl, FrameRate rate, long[] keyframes, boolean headless) {
        if (!libvlcPresent()) {
            return Player.none(INSTALL_HINT);
        }
        List<String> args = new ArrayList<>(List.of(
                "--quiet",
                "--no-video-title-show",
                "--no-osd",
                "--no-snapshot-preview",
                // The frame index is a count of displayed pictures, so VLC must show every decoded
                // picture, late or not: a busy machine would otherwise shift the count.
                "--no-drop-late-frames",
                "--no-skip-frames",
                // avcodec's own catch-up: after a few late pictures it stops decoding non-reference
                // (B) frames, which vanish without a display and would shift every later count.
                "--no-avcodec-hurry-up"));
        if (headless) {
            args.add("--aout=dummy");
        }
        try {
            return new VlcPlayer(new MediaPlayerFactory(args), mrl, rate, keyframes);
        } catch (RuntimeException | LinkageError e) {
            return Player.none("VLC could not start (" + e.getMessage() + "). " + INSTALL_HINT);
        }
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String unavailableReason() {
        return "";
    }

    @Override
    public void play(long fromFrame, double newSpeed) {
        counting = false;
        // Stop first (synchronous): no picture of the previous play arrives after this, so the
        // count can start before the new media opens and its first picture is never missed.
        player.controls().stop();
        long key = keyframeAtOrBefore(fromFrame);
        startFrame = key;
        target = fromFrame;
        speed = newSpeed;
        startCount = count;
        reported = -1;
        counting = true;
        if (key == 0) {
            player.media().play(mrl);
        } else {
            // A start on a keyframe needs no preroll: VLC's first picture is that keyframe. (From
            // inside a GOP it may first show a stale picture from before the asked frame.)
            double seconds = rate.secondsOf(key) + 0.5 / rate.fps();
            player.media().play(mrl, String.format(Locale.ROOT, ":start-time=%.6f", seconds));
        }
        player.controls().setRate((float) newSpeed);
    }

    long keyframeAtOrBefore(long frame) {
        int i = java.util.Arrays.binarySearch(keyframes, frame);
        if (i >= 0) {
            return keyframes[i];
        }
        int insertion = -i - 1;
        return insertion == 0 ? 0 : keyframes[insertion - 1];
    }

    @Override
    public long pause() {
        counting = false;
        player.controls().setPause(true);
        // Before the asked frame was reached (still catching up) the playhead has not moved.
        long shown = reported;
        return shown < 0 ? target : shown;
    }

    @Override
    public void onFrame(LongConsumer frameListener) {
        this.listener = frameListener;
    }

    /** Keeps a copy of each picture VLC displays, with its counted index (tests read its frame code). */
    public void keepShownPictures() {
        surface.keepShownPictures(() -> counting ? reported : -1);
    }

    /** The last picture VLC displayed, after {@link #keepShownPictures()}; null before. */
    public StillImage lastShownPicture() {
        return surface.lastShownPicture();
    }

    public long lastShown() {
        return lastShown;
    }

    public ReadOnlyObjectProperty<WritableImage> image() {
        return surface.image();
    }

    public ReadOnlyObjectProperty<Rectangle2D> viewport() {
        return surface.viewport();
    }

    @Override
    public void close() {
        player.controls().stop();
        player.release();
        factory.release();
    }
}
