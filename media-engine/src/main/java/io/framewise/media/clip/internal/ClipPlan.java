package io.framewise.media.clip.internal;

import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRange;

/** Where a cut starts and ends, in source frames, decided from the keyframes of the frame map. */
final class ClipPlan {

    private ClipPlan() {}

    /**
     * The range a stream copy can deliver: from the keyframe at or before {@code in} to the keyframe at
     * or after {@code out} (exclusive), so every copied frame has its references. When no keyframe is
     * shown at or before {@code in} (the first frames of an MP4 edit list), the copy starts at the first
     * keyframe after it; null when there is none before {@code out}.
     */
    static FrameRange copyRange(FrameMap map, FrameRange requested) {
        long in = requested.in();
        long out = requested.out();
        long start = map.keyframeAtOrBefore(in);
        if (start < 0) {
            start = map.keyframeAfter(in);
            if (start >= out) {
                return null;
            }
        }
        long end = out >= map.frameCount() || map.isKeyframe(out) ? out : map.keyframeAfter(out);
        return FrameRange.of(start, end);
    }

    /**
     * The three parts of a smart cut: [in, headEnd) re-encoded, [headEnd, tailStart) copied whole GOPs,
     * [tailStart, out) re-encoded. {@code headEnd == out} means no keyframe inside the range.
     */
    record Smart(long in, long headEnd, long tailStart, long out) {
        boolean hasKeyframeInside() {
            return headEnd < out;
        }

        long reencoded() {
            return (headEnd - in) + (out - tailStart);
        }

        long copied() {
            return tailStart - headEnd;
        }
    }

    static Smart smart(FrameMap map, FrameRange requested) {
        long in = requested.in();
        long out = requested.out();
        long headEnd = map.isKeyframe(in) ? in : Math.min(out, map.keyframeAfter(in));
        if (headEnd >= out) {
            return new Smart(in, out, out, out);
        }
        long tailStart = out >= map.frameCount() || map.isKeyframe(out) ? out : map.keyframeAtOrBefore(out - 1);
        return new Smart(in, headEnd, tailStart, out);
    }
}
