package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.player.Player;
import io.framewise.desktop.player.SeekStills;
import io.framewise.desktop.player.StillCache;
import io.framewise.desktop.player.StillImage;
import io.framewise.model.time.FrameRange;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The transport of one review: the playhead as a frame index, play and shuttle, stepping, loop in
 * and out, and what the picture shows. Forward playback at 1x to 8x goes to the native player,
 * which reports the index of each frame it shows; reverse shuttle, and all playback when there is
 * no native player, beat through frame-exact stills. Whenever playback stops the picture is the
 * still of the playhead's frame. A jump (a move farther than the stills fetched ahead) shows the
 * seek proxy's picture of the new frame first when the server has one, then the exact still; a
 * picture is only ever shown while its index is the playhead's (ADR 0057). Every property changes
 * on the thread of {@code ui}.
 */
public final class PlaybackViewModel {

    static final double MAX_SHUTTLE = 8;

    private final Executor ui;
    private final Ticker ticker;
    private final LongProperty frame = new SimpleLongProperty(0);
    private final LongProperty frameCount = new SimpleLongProperty(0);
    private final DoubleProperty rate = new SimpleDoubleProperty(0);
    private final BooleanProperty native_ = new SimpleBooleanProperty(false);
    private final BooleanProperty videoShown = new SimpleBooleanProperty(false);
    private final LoopMarks loop = new LoopMarks(this::clamp, () -> this.timing.lastFrame());
    private final ObjectProperty<TimeFormat> timeFormat = new SimpleObjectProperty<>(TimeFormat.TIMECODE);
    private final ObjectProperty<StillImage> still = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringBinding position;
    private final StringBinding rateLabel;
    private final javafx.beans.binding.BooleanBinding previewShown = Bindings.createBooleanBinding(
            () -> still.get() != null && still.get().preview(), still);

    private ClipTiming timing = new ClipTiming(0, FrameRate.FPS_25, new Timecode(0, 0, 0, 0, false));
    private Player player = Player.none("nothing loaded");
    private StillCache stills;
    private final JumpPreview jumpPreview;
    private int direction = 1;

    public PlaybackViewModel(Executor ui, Ticker ticker) {
        this.ui = ui;
        this.ticker = ticker;
        this.jumpPreview = new JumpPreview(ui);
        this.position = Bindings.createStringBinding(
                () -> timeFormat.get().format(frame.get(), timing), frame, timeFormat, frameCount);
        this.rateLabel = Bindings.createStringBinding(
                () -> rate.get() == 0 ? "Paused" : (rate.get() < 0 ? "◀ " : "▶ ") + fmt(Math.abs(rate.get())) + "x",
                rate);
    }

    /** Shows a new clip, paused on its first frame; jumps wait for exact stills alone. */
    public void load(ClipTiming newTiming, Player newPlayer, StillCache newStills) {
        load(newTiming, newPlayer, newStills, null);
    }

    /** Shows a new clip, paused on its first frame; {@code seeks} (or null) gives jumps a quick picture. */
    public void load(ClipTiming newTiming, Player newPlayer, StillCache newStills, SeekStills seeks) {
        stop();
        jumpPreview.use(seeks);
        this.timing = newTiming;
        this.player = newPlayer;
        this.stills = newStills;
        newPlayer.onFrame(i -> ui.execute(() -> shownByPlayer(i)));
        loop.clear();
        message.set(newPlayer.available() ? "" : newPlayer.unavailableReason());
        frameCount.set(newTiming.frameCount());
        frame.set(-1);
        seek(0);
    }

    public ClipTiming timing() {
        return timing;
    }

    // ---- commands ----

    /** Space: play forward at normal speed, or pause. */
    public void togglePlay() {
        if (rate.get() != 0) {
            stop();
        } else {
            play(1);
        }
    }

    /** L: forward; pressed again while playing forward doubles the speed up to 8x. */
    public void shuttleForward() {
        double r = rate.get();
        play(r <= 0 ? 1 : Math.min(MAX_SHUTTLE, r * 2));
    }

    /** J: reverse; pressed again while playing backwards doubles the speed up to 8x. */
    public void shuttleBack() {
        double r = rate.get();
        play(r >= 0 ? -1 : Math.max(-MAX_SHUTTLE, r * 2));
    }

    /** K: stop on the frame being shown, which becomes its frame-exact still. */
    public void stop() {
        double was = rate.get();
        ticker.stop();
        if (was > 0 && native_.get()) {
            long shown = player.pause();
            frame.set(clamp(shown));
        }
        native_.set(false);
        videoShown.set(false);
        rate.set(0);
        showStill(frame.get());
    }

    public void play(double newRate) {
        if (frameCount.get() == 0 || newRate == 0) {
            stop();
            return;
        }
        if (newRate > 0 && frame.get() >= timing.lastFrame()) {
            frame.set(startOfPlay());
        }
        if (newRate < 0 && frame.get() <= 0) {
            return;
        }
        ticker.stop();
        rate.set(newRate);
        direction = newRate < 0 ? -1 : 1;
        if (newRate > 0 && player.available()) {
            native_.set(true);
            videoShown.set(false);
            showStill(frame.get());
            player.play(frame.get(), newRate);
        } else {
            if (native_.get()) {
                frame.set(clamp(player.pause()));
                native_.set(false);
            }
            ticker.start(timing.rate().fps() * Math.abs(newRate), this::tick);
        }
    }

    public void step(long frames) {
        if (rate.get() != 0) {
            stop();
        }
        direction = frames < 0 ? -1 : 1;
        seek(frame.get() + frames);
    }

    /** Moves the playhead; while playing natively the player restarts there. */
    public void seek(long index) {
        long f = clamp(index);
        if (f == frame.get()) {
            return;
        }
        boolean jump = frame.get() >= 0 && Math.abs(f - frame.get()) > jumpDistance();
        frame.set(f);
        jumpPreview.cancel();
        if (rate.get() > 0 && native_.get()) {
            videoShown.set(false);
        }
        if (jump) {
            jumpPreview.ask(f, stills, this::offerPreview);
        }
        showStill(f);
        if (rate.get() > 0 && native_.get()) {
            player.play(f, rate.get());
        }
    }

    /** Steps within this distance find their stills fetched ahead; farther moves are jumps. */
    private int jumpDistance() {
        StillCache cache = stills;
        return cache == null ? 1 : Math.max(1, cache.lookahead());
    }

    public void home() {
        step(-frame.get());
    }

    public void end() {
        step(timing.lastFrame() - frame.get());
    }

    public void markIn() {
        loop.markIn(frame.get());
    }

    public void markOut() {
        loop.markOut(frame.get());
    }

    /** Marks the frames [in, out) as the loop range (a note over them, a cue's frames). */
    public void markRange(long in, long out) {
        loop.markRange(in, out);
    }

    public void toggleLoop() {
        loop.toggle();
    }

    /** Loops over the frames [in, out) of {@code range}, turning the loop on. */
    public void setLoop(FrameRange range) {
        loop.set(range);
    }

    /**
     * Asked when forward playback passes the loop's out point: the range to loop next (the note
     * loop moves on to the next note), or null to go round the same loop again.
     */
    public void onLoopEnd(Supplier<FrameRange> next) {
        loop.onEnd(next);
    }

    public void clearLoop() {
        loop.clear();
    }

    public void cycleTimeFormat() {
        timeFormat.set(timeFormat.get().next());
    }

    // ---- playback internals ----

    private void tick() {
        long next = frame.get() + direction;
        if (loop.looping() && direction > 0 && next > loop.end()) {
            next = loop.nextStart();
        } else if (loop.looping() && direction < 0 && next < loop.start()) {
            next = loop.end();
        }
        if (next < 0 || next > timing.lastFrame()) {
            stop();
            return;
        }
        frame.set(next);
        showStill(next);
    }

    private void shownByPlayer(long index) {
        if (!native_.get() || rate.get() <= 0) {
            return;
        }
        if (loop.looping() && index > loop.end()) {
            long start = loop.nextStart();
            frame.set(start);
            videoShown.set(false);
            showStill(start);
            player.play(start, rate.get());
            return;
        }
        frame.set(clamp(index));
        videoShown.set(true);
        if (index >= timing.lastFrame()) {
            stop();
        }
    }

    private void showStill(long index) {
        StillCache cache = stills;
        if (cache == null || index < 0) {
            return;
        }
        cache.get(index, direction)
                .whenComplete((img, err) -> ui.execute(() -> {
                    if (err != null) {
                        if (!cancelled(err)) {
                            message.set("Frame " + index + " could not be shown: " + ApiError.reason(err));
                        }
                    } else if (frame.get() == img.index() && !videoShown.get()) {
                        still.set(img);
                    }
                }));
    }

    /** A jump's quick picture: shown while its frame is the playhead's and its exact still is not up. */
    private void offerPreview(StillImage img) {
        StillImage shown = still.get();
        boolean exactUp = shown != null && shown.index() == img.index() && !shown.preview();
        if (frame.get() == img.index() && !videoShown.get() && !exactUp) {
            still.set(img);
        }
    }

    private static boolean cancelled(Throwable err) {
        return err instanceof CancellationException
                || err instanceof CompletionException && err.getCause() instanceof CancellationException;
    }

    private long startOfPlay() {
        return loop.looping() ? loop.start() : 0;
    }

    private long clamp(long index) {
        return Math.max(0, Math.min(timing.lastFrame(), index));
    }

    private static String fmt(double r) {
        return r == Math.rint(r) ? Integer.toString((int) r) : Double.toString(r);
    }

    // ---- state for views ----

    public ReadOnlyLongProperty frameProperty() {
        return frame;
    }

    public ReadOnlyLongProperty frameCountProperty() {
        return frameCount;
    }

    public ReadOnlyDoubleProperty rateProperty() {
        return rate;
    }

    /** True while the native player plays (it may still be on its way to the playhead's frame). */
    public ReadOnlyBooleanProperty nativeProperty() {
        return native_;
    }

    /** True once the native player shows playback frames: the view shows its video, else the still. */
    public ReadOnlyBooleanProperty videoShownProperty() {
        return videoShown;
    }

    public ReadOnlyLongProperty loopInProperty() {
        return loop.inProperty();
    }

    public ReadOnlyLongProperty loopOutProperty() {
        return loop.outProperty();
    }

    public ReadOnlyBooleanProperty loopingProperty() {
        return loop.loopingProperty();
    }

    public ObjectProperty<TimeFormat> timeFormatProperty() {
        return timeFormat;
    }

    public ReadOnlyObjectProperty<StillImage> stillProperty() {
        return still;
    }

    /** True while the picture is the seek proxy's quick one (the view marks it "Preview"). */
    public javafx.beans.binding.BooleanBinding previewShown() {
        return previewShown;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public StringBinding position() {
        return position;
    }

    public StringBinding rateLabel() {
        return rateLabel;
    }

    public long frame() {
        return frame.get();
    }

    public boolean playing() {
        return rate.get() != 0;
    }
}
