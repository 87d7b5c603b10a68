package io.framewise.server.clips;

import io.framewise.model.time.FrameRange;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import io.framewise.server.clips.ClipDraft.FramePosition;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.media.ProbeSummary;
import java.util.Map;
import java.util.Objects;

/**
 * The frames of a clip's source as people name them: 0-based indices, or timecodes counted from the
 * source's start timecode (00:00:00:00 when it has none) at its rate, drop frame when the source
 * counts that way. Timecode is only a label: everything is resolved to indices here.
 */
public final class SourceTimeline {

    private final long frameCount;
    private final FrameRate rate;
    private final Timecode start;

    private SourceTimeline(long frameCount, FrameRate rate, Timecode start) {
        this.frameCount = frameCount;
        this.rate = rate;
        this.start = start;
    }

    /** The timeline of a probed video source. */
    public static SourceTimeline of(ProbeSummary probe) {
        Objects.requireNonNull(probe.frameRate(), "a source with video has a rate");
        FrameRate rate = probe.frameRate();
        Timecode start = null;
        if (probe.startTimecode() != null) {
            try {
                start = Timecode.parse(probe.startTimecode());
                start.toFrameCount(rate);
            } catch (IllegalArgumentException e) {
                // A start label the rate cannot hold is ignored as the player ignores it.
                start = null;
            }
        }
        if (start == null) {
            start = new Timecode(0, 0, 0, 0, probe.dropFrame() && rate.supportsDropFrame());
        }
        return new SourceTimeline(probe.frameCount(), rate, start);
    }

    long frameCount() {
        return frameCount;
    }

    /**
     * The source frames [in, out) a request names, or a 400 naming the problem: a timecode that does
     * not parse or does not exist at the source's rate, an inverted or empty range, or frames past
     * the end.
     */
    FrameRange range(FramePosition in, FramePosition out) {
        long a = index(in, "in");
        long b = index(out, "out");
        if (a >= frameCount) {
            throw Bodies.badRequest(
                    "in (" + in + ") is past the source's last frame " + (frameCount - 1) + " (" + label(frameCount - 1)
                            + ")",
                    "in");
        }
        if (b > frameCount) {
            throw Bodies.badRequest(
                    "out (" + out + ", frame " + b + ") is past the end of the source: out is exclusive and at most "
                            + frameCount + " (" + label(frameCount) + ")",
                    "out");
        }
        if (b == a) {
            throw Bodies.badRequest("the range is empty: out (" + out + ") must come after in (" + in + ")", "out");
        }
        if (b < a) {
            throw Bodies.badRequest(
                    "the range is inverted: out (" + out + ", frame " + b + ") comes before in (" + in + ", frame " + a
                            + ")",
                    "out");
        }
        return FrameRange.of(a, b);
    }

    private long index(FramePosition position, String field) {
        if (position.index() != null) {
            return position.index();
        }
        try {
            return Timecode.indexOf(Timecode.parse(position.timecode()), start, rate);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(
                    field + ": " + e.getMessage() + " (the source runs at " + rate + " from " + start + ")",
                    Map.of("field", field),
                    e);
        }
    }

    /** The source timecode of frame {@code index}, as NLEs show it. */
    public String label(long index) {
        return Timecode.ofIndex(index, start, rate).toString();
    }
}
