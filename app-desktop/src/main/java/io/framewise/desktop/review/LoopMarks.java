package io.framewise.desktop.review;

import io.framewise.model.time.FrameRange;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;

/**
 * The in and out marks of one review and whether playback loops over them. Kept apart from the
 * transport because the rules of the marks (an out before the in is dropped, a note's range is
 * [in, out), the note loop moves on to the next note at the out point) do not depend on how frames
 * are shown. Frames are clamped to the clip by {@code clamp}; -1 means "no mark".
 */
final class LoopMarks {

    private final LongProperty in = new SimpleLongProperty(-1);
    private final LongProperty out = new SimpleLongProperty(-1);
    private final BooleanProperty looping = new SimpleBooleanProperty(false);
    private final LongUnaryOperator clamp;
    private final LongSupplier lastFrame;
    private Supplier<FrameRange> next = () -> null;

    LoopMarks(LongUnaryOperator clamp, LongSupplier lastFrame) {
        this.clamp = clamp;
        this.lastFrame = lastFrame;
    }

    void markIn(long frame) {
        in.set(frame);
        if (out.get() >= 0 && out.get() < frame) {
            out.set(-1);
        }
    }

    void markOut(long frame) {
        out.set(frame);
        if (in.get() > frame) {
            in.set(-1);
        }
    }

    /** Marks the frames [from, to) as the loop range (a note over them, a cue's frames). */
    void markRange(long from, long to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a range needs 0 <= in < out, got " + from + ", " + to);
        }
        in.set(from);
        out.set(to - 1);
    }

    void toggle() {
        looping.set(!looping.get());
    }

    /** Loops over the frames [in, out) of {@code range}, turning the loop on. */
    void set(FrameRange range) {
        in.set(clamp.applyAsLong(range.in()));
        out.set(clamp.applyAsLong(range.out() - 1));
        looping.set(true);
    }

    void onEnd(Supplier<FrameRange> nextRange) {
        this.next = nextRange == null ? () -> null : nextRange;
    }

    void clear() {
        in.set(-1);
        out.set(-1);
        looping.set(false);
    }

    boolean looping() {
        return looping.get();
    }

    /** The first frame of the loop: the in mark, or the clip's start. */
    long start() {
        return in.get() >= 0 ? in.get() : 0;
    }

    /** The last frame of the loop: the out mark, or the clip's last frame. */
    long end() {
        return out.get() >= 0 ? out.get() : lastFrame.getAsLong();
    }

    /** Where playback goes at the loop's end: the next range's start when there is one, else this loop's. */
    long nextStart() {
        FrameRange range = next.get();
        if (range != null) {
            set(range);
        }
        return start();
    }

    ReadOnlyLongProperty inProperty() {
        return in;
    }

    ReadOnlyLongProperty outProperty() {
        return out;
    }

    ReadOnlyBooleanProperty loopingProperty() {
        return looping;
    }
}
