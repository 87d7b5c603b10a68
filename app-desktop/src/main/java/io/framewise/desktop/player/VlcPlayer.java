package io.framewise.desktop.player;

import io.framewise.model.time.FrameRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
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
    private volatile IntConsumer listener = i -> {};
    private volatile int startFrame;
    private volatile int startCount;
    private volatile int lastShown = -1;
    private volatile int count;

    private VlcPlayer(MediaPlayerFactory factory, String mrl, FrameRate rate) {
        this.factory = factory;
        this.player = factory.mediaPlayers().newEmbeddedMediaPlayer();
        this.mrl = mrl;
        this.rate = rate;
        player.videoSurface().set(factory.videoSurfaces().newVideoSurface(surface, surface, true));
        surface.onDisplayed(n -> {
            count = n;
            int index = startFrame + (n - startCount) - 1;
            lastShown = index;
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
        if (!libvlcPresent()) {
            return Player.none(INSTALL_HINT);
        }
        List<String> args =
                new ArrayList<>(List.of("--quiet", "--no-video-title-show", "--no-osd", "--no-snapshot-preview"));
        if (headless) {
            args.add("--aout=dummy");
        }
        try {
            return new VlcPlayer(new MediaPlayerFactory(args), mrl, rate);
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
    public void play(int fromFrame, double speed) {
        startFrame = fromFrame;
        startCount = count;
        // start-time half a frame before the frame's own time: VLC shows the first frame at or after it.
        double seconds = Math.max(0, rate.secondsOf(fromFrame) - 0.5 / rate.fps());
        player.media().play(mrl, String.format(Locale.ROOT, ":start-time=%.6f", seconds));
        player.controls().setRate((float) speed);
    }

    @Override
    public int pause() {
        player.controls().setPause(true);
        int shown = lastShown;
        return shown < 0 ? startFrame : shown;
    }

    @Override
    public void onFrame(IntConsumer frameListener) {
        this.listener = frameListener;
    }

    /** The picture VLC shows now, copied (tests read the frame code drawn in it). */
    public StillImage currentPicture() {
        return surface.copy(() -> lastShown);
    }

    public int lastShown() {
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
