package io.framewise.server.live;

import java.util.List;

/** What a live session tells its members. Each kind maps to one message type on the wire. */
public sealed interface SessionEvent {

    String sessionId();

    /** A member of a session as presence shows it. */
    record MemberView(String id, String name, boolean driver) {}

    /** A normalised point on the picture: (0,0) top left, (1,1) bottom right. */
    record Point(double x, double y) {}

    /** A member's laser pointer on a frame. */
    record LaserPointer(String memberId, double x, double y, long frame) {}

    /** A drawing stroke in progress, with all its points so far. */
    record Stroke(String memberId, String strokeId, long frame, String color, double width, List<Point> points) {
        public Stroke {
            points = List.copyOf(points);
        }
    }

    /** How far a stroke has come: still being drawn, finished, or thrown away. */
    enum StrokePhase {
        DRAWING,
        DONE,
        CANCELLED
    }

    /** Everything a member needs to show the session now; sent on create and on join. */
    record Snapshot(
            String sessionId,
            String memberId,
            PlaybackState state,
            List<MemberView> members,
            List<LaserPointer> lasers,
            List<Stroke> strokes,
            long serverTime)
            implements SessionEvent {}

    /** The playback state changed; {@code cause} names the request, {@code by} the member (or null). */
    record StateChanged(String sessionId, PlaybackState state, String cause, String by, long serverTime)
            implements SessionEvent {}

    /** Who is in the session and who drives. */
    record Presence(String sessionId, List<MemberView> members) implements SessionEvent {}

    /** A laser pointer moved ({@code visible}) or was switched off. */
    record Laser(String sessionId, LaserPointer laser, boolean visible) implements SessionEvent {}

    /**
     * A stroke grew by {@code addedPoints}, or finished, or was cancelled. The stroke's frame, colour
     * and width repeat on every event so that a member can start drawing from any of them.
     */
    record StrokeChanged(
            String sessionId,
            String memberId,
            String strokeId,
            long frame,
            String color,
            double width,
            List<Point> addedPoints,
            StrokePhase phase)
            implements SessionEvent {}

    /** Sent to the driver only: a member asks to drive. */
    record DriverRequested(String sessionId, String requesterId, String requesterName) implements SessionEvent {}

    /** Sent to a requester only: the request to drive was turned down. */
    record DriverDenied(String sessionId, String reason) implements SessionEvent {}
}
