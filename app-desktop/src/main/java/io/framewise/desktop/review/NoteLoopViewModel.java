package io.framewise.desktop.review;

import io.framewise.model.time.FrameRange;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Going from note to note: N and Shift+N put the playhead on the next or previous thread's frame,
 * and "loop notes" plays each thread's range (a frame note with {@link #handleSecondsProperty} either
 * side) in frame order, over and over, until turned off. The thread being shown is {@link
 * #currentProperty}, which the notes list selects. The transport does the playing; this only tells
 * it which range comes next. Used on the UI thread.
 */
public final class NoteLoopViewModel {

    /** A frame note plays this many seconds either side unless set otherwise. */
    public static final double DEFAULT_HANDLE_SECONDS = 1;

    private final PlaybackViewModel playback;
    private final NotesViewModel notes;
    private final BooleanProperty on = new SimpleBooleanProperty(false);
    private final DoubleProperty handleSeconds = new SimpleDoubleProperty(DEFAULT_HANDLE_SECONDS);
    private final ObjectProperty<NoteThread> current = new SimpleObjectProperty<>();

    public NoteLoopViewModel(PlaybackViewModel playback, NotesViewModel notes) {
        this.playback = Objects.requireNonNull(playback, "playback");
        this.notes = Objects.requireNonNull(notes, "notes");
        // Clearing the marks or turning the loop off by hand ends the note loop too.
        playback.loopingProperty().addListener((o, was, looping) -> {
            if (!looping && on.get()) {
                stop();
            }
        });
    }

    /** N: the next thread after the playhead, stopped on its frame; false when there is none. */
    public boolean next() {
        return jump(notes.neighbour(playback.frame(), true));
    }

    /** Shift+N: the thread before the playhead; false when there is none. */
    public boolean previous() {
        return jump(notes.neighbour(playback.frame(), false));
    }

    private boolean jump(NoteThread t) {
        if (t == null) {
            return false;
        }
        current.set(t);
        playback.step(t.frame() - playback.frame());
        return true;
    }

    public void toggle() {
        if (on.get()) {
            stop();
        } else {
            start();
        }
    }

    /**
     * Plays the thread whose range holds the playhead (else the next one, else the first) and then
     * each following one; nothing happens when there are no notes.
     */
    public void start() {
        List<NoteThread> order = notes.threads();
        if (order.isEmpty()) {
            return;
        }
        long frame = playback.frame();
        NoteThread first = order.stream()
                .filter(t -> range(t).contains(frame))
                .findFirst()
                .orElseGet(() -> order.stream()
                        .filter(t -> t.frame() >= frame)
                        .findFirst()
                        .orElse(order.get(0)));
        current.set(first);
        on.set(true);
        FrameRange r = range(first);
        playback.setLoop(r);
        playback.onLoopEnd(this::advance);
        playback.step(r.in() - playback.frame());
        playback.play(1);
    }

    public void stop() {
        if (!on.get()) {
            return;
        }
        on.set(false);
        playback.onLoopEnd(null);
        playback.clearLoop();
    }

    /** The range after the current thread's, in frame order, from the last back to the first. */
    private FrameRange advance() {
        List<NoteThread> order = notes.threads();
        if (order.isEmpty()) {
            return null;
        }
        NoteThread now = current.get();
        int at = now == null ? -1 : indexOf(order, now);
        NoteThread next = order.get((at + 1) % order.size());
        current.set(next);
        return range(next);
    }

    /** Where a thread is in the (possibly refreshed) list: by id, as a refresh makes new objects. */
    private static int indexOf(List<NoteThread> order, NoteThread t) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).first().id().equals(t.first().id())) {
                return i;
            }
        }
        // Deleted meanwhile: go on from the last thread before its frame.
        int before = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).frame() <= t.frame()) {
                before = i;
            }
        }
        return before;
    }

    /** The frames {@code t} plays in the loop. */
    FrameRange range(NoteThread t) {
        long count = playback.frameCountProperty().get();
        long handle = Math.round(
                Math.max(0, handleSeconds.get()) * playback.timing().rate().fps());
        return range(t.frame(), t.first().frameOut(), count, handle);
    }

    /**
     * A range note's range, or a frame note's frame with {@code handle} frames either side, within
     * the media's {@code frameCount} frames and never empty.
     */
    static FrameRange range(long frame, Long frameOut, long frameCount, long handle) {
        long last = Math.max(0, frameCount - 1);
        long f = Math.min(Math.max(0, frame), last);
        if (frameOut != null && frameOut > frame) {
            return FrameRange.of(f, Math.max(f + 1, Math.min(frameOut, Math.max(frameCount, 1))));
        }
        return FrameRange.of(Math.max(0, f - handle), Math.min(Math.max(frameCount, 1), f + handle + 1));
    }

    public ReadOnlyBooleanProperty onProperty() {
        return on;
    }

    public DoubleProperty handleSecondsProperty() {
        return handleSeconds;
    }

    public ReadOnlyObjectProperty<NoteThread> currentProperty() {
        return current;
    }
}
