package io.framewise.server.live;

import io.framewise.model.time.FrameRange;
import io.framewise.server.live.SessionEvent.DriverDenied;
import io.framewise.server.live.SessionEvent.DriverRequested;
import io.framewise.server.live.SessionEvent.Laser;
import io.framewise.server.live.SessionEvent.LaserPointer;
import io.framewise.server.live.SessionEvent.MemberView;
import io.framewise.server.live.SessionEvent.Point;
import io.framewise.server.live.SessionEvent.Presence;
import io.framewise.server.live.SessionEvent.Snapshot;
import io.framewise.server.live.SessionEvent.StateChanged;
import io.framewise.server.live.SessionEvent.Stroke;
import io.framewise.server.live.SessionEvent.StrokeChanged;
import io.framewise.server.live.SessionEvent.StrokePhase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One live review session: members follow one driver on the same frame index.
 *
 * <p><b>Driving.</b> The member who creates the session drives. Only the driver may change playback
 * (play, pause, seek, step, loop, rate, version); anyone may point with the laser and draw.
 *
 * <p><b>Hand-over policy.</b> A member asks to drive; the request goes to the driver, who grants or
 * denies it. If nobody drives (the driver released control), the server grants the request at once.
 * A grant makes the requester the driver and turns down every other pending request with the
 * reason "driver changed", so that the new driver is never asked on the old driver's behalf. The
 * driver may also release control; then nobody drives until someone asks.
 *
 * <p><b>Driver drop.</b> When the driver leaves (or its connection drops), the member present
 * longest becomes the driver, so a session with members always has someone to drive; playback
 * pauses on the frame reached, since the new driver's player has not been driving the clock.
 * Pending requests are turned down ("driver changed"). A session whose last member leaves ends.
 *
 * <p>All methods are thread-safe; every change is sent to members while holding the session's
 * lock, so all members see the same order of events.
 */
public final class LiveSession {

    public static final double MIN_RATE = 0.1;
    public static final double MAX_RATE = 16.0;
    static final int MAX_STROKES_PER_MEMBER = 8;
    static final int MAX_POINTS_PER_STROKE = 4000;
    static final double MAX_STROKE_WIDTH = 0.25;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?");
    private static final Pattern STROKE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String id;
    private final Clock clock;
    private final SessionOutput output;
    private final Map<String, String> members = new LinkedHashMap<>();
    private final Set<String> pendingRequests = new LinkedHashSet<>();
    private final Map<String, LaserPointer> lasers = new LinkedHashMap<>();
    private final Map<String, Stroke> strokes = new LinkedHashMap<>();
    private PlaybackState state;
    private String driverId;
    private boolean ended;

    LiveSession(String id, MediaFacts media, Clock clock, SessionOutput output) {
        this.id = id;
        this.clock = clock;
        this.output = output;
        this.state = PlaybackState.initial(media, clock.millis());
    }

    /**
     * Everything a session is, to keep it outside one JVM: several nodes keep a session in the
     * database and rebuild it for each request (ADR 0062).
     *
     * @param members member id to name, in the order they joined (the longest present drives next)
     */
    public record Stored(
            String id,
            PlaybackState state,
            String driverId,
            Map<String, String> members,
            List<String> pending,
            List<LaserPointer> lasers,
            List<Stroke> strokes) {
        public Stored {
            members = new LinkedHashMap<>(members);
            pending = List.copyOf(pending);
            lasers = List.copyOf(lasers);
            strokes = List.copyOf(strokes);
        }
    }

    /** A session rebuilt from {@link #stored()}, telling its members through {@code output}. */
    static LiveSession restore(Stored stored, Clock clock, SessionOutput output) {
        LiveSession session = new LiveSession(stored.id(), stored.state(), clock, output);
        session.members.putAll(stored.members());
        session.pendingRequests.addAll(stored.pending());
        stored.lasers().forEach(l -> session.lasers.put(l.memberId(), l));
        stored.strokes().forEach(s -> session.strokes.put(s.memberId() + '/' + s.strokeId(), s));
        session.driverId = stored.driverId();
        return session;
    }

    private LiveSession(String id, PlaybackState state, Clock clock, SessionOutput output) {
        this.id = id;
        this.clock = clock;
        this.output = output;
        this.state = state;
    }

    /** The session as it stands, to keep elsewhere. */
    synchronized Stored stored() {
        return new Stored(
                id,
                state,
                driverId,
                members,
                List.copyOf(pendingRequests),
                List.copyOf(lasers.values()),
                List.copyOf(strokes.values()));
    }

    public String id() {
        return id;
    }

    public synchronized PlaybackState state() {
        return state;
    }

    public synchronized String driverId() {
        return driverId;
    }

    public synchronized List<MemberView> members() {
        List<MemberView> views = new ArrayList<>(members.size());
        members.forEach((memberId, name) -> views.add(new MemberView(memberId, name, memberId.equals(driverId))));
        return views;
    }

    public synchronized boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    /**
     * Adds a member and sends it the full snapshot at once; the first member drives. Joining again
     * only sends the snapshot again.
     *
     * @throws SessionException {@code unknown_session} if the last member left meanwhile
     */
    synchronized void join(String memberId, String name) {
        if (ended) {
            throw new SessionException("unknown_session", "session " + id + " has ended");
        }
        boolean added = members.putIfAbsent(memberId, name) == null;
        if (added && members.size() == 1) {
            driverId = memberId;
        }
        output.send(snapshotFor(memberId), List.of(memberId));
        if (added) {
            broadcastPresence();
        }
    }

    /** Removes a member (left or dropped); returns true when the session has ended with it. */
    synchronized boolean leave(String memberId) {
        if (members.remove(memberId) == null) {
            return ended;
        }
        pendingRequests.remove(memberId);
        if (lasers.remove(memberId) != null) {
            broadcast(new Laser(id, new LaserPointer(memberId, 0, 0, 0), false));
        }
        strokes.values().removeIf(stroke -> {
            if (stroke.memberId().equals(memberId)) {
                broadcast(strokeEvent(stroke, List.of(), StrokePhase.CANCELLED));
                return true;
            }
            return false;
        });
        if (members.isEmpty()) {
            ended = true;
            driverId = null;
            return true;
        }
        if (memberId.equals(driverId)) {
            String successor = members.keySet().iterator().next();
            changeDriver(successor);
            if (state.playing()) {
                long now = clock.millis();
                changeState(state.paused(state.frameAt(now), now), "driver-left", null);
            }
        }
        broadcastPresence();
        return false;
    }

    public synchronized void play(String memberId, Long frame) {
        requireDriver(memberId);
        long now = clock.millis();
        long from = frame == null ? state.frameAt(now) : requireFrame(frame);
        changeState(state.playing(from, now), "play", memberId);
    }

    public synchronized void pause(String memberId, Long frame) {
        requireDriver(memberId);
        long now = clock.millis();
        long at = frame == null ? state.frameAt(now) : requireFrame(frame);
        changeState(state.paused(at, now), "pause", memberId);
    }

    public synchronized void seek(String memberId, long frame) {
        requireDriver(memberId);
        changeState(state.at(requireFrame(frame), clock.millis()), "seek", memberId);
    }

    /** Moves by {@code delta} frames from the frame shown and pauses there; stops at either end. */
    public synchronized void step(String memberId, long delta) {
        requireDriver(memberId);
        if (delta == 0 || Math.abs(delta) > state.frameCount()) {
            throw new SessionException(
                    "invalid_step", "step must be a non-zero number of frames within the media, got " + delta);
        }
        long now = clock.millis();
        long target = Math.max(0, Math.min(state.frameCount() - 1, state.frameAt(now) + delta));
        changeState(state.paused(target, now), "step", memberId);
    }

    public synchronized void loop(String memberId, long in, long out) {
        requireDriver(memberId);
        if (in < 0 || out <= in || out > state.frameCount()) {
            throw new SessionException(
                    "invalid_loop",
                    "loop needs 0 <= in < out <= " + state.frameCount() + " (frame count), got in=" + in + ", out="
                            + out);
        }
        changeState(state.withLoop(FrameRange.of(in, out), clock.millis()), "loop", memberId);
    }

    public synchronized void clearLoop(String memberId) {
        requireDriver(memberId);
        changeState(state.withLoop(null, clock.millis()), "loop", memberId);
    }

    public synchronized void rate(String memberId, double rate) {
        requireDriver(memberId);
        if (!(rate >= MIN_RATE && rate <= MAX_RATE)) {
            throw new SessionException(
                    "invalid_rate", "playback rate must be within " + MIN_RATE + ".." + MAX_RATE + ", got " + rate);
        }
        changeState(state.withRate(rate, clock.millis()), "rate", memberId);
    }

    /**
     * Shows another version. In-progress strokes and laser pointers belong to the picture that was
     * shown, so they are dropped; clients drop theirs on a state change with cause {@code version}.
     */
    public synchronized void switchVersion(String memberId, MediaFacts media) {
        requireDriver(memberId);
        lasers.clear();
        strokes.clear();
        changeState(state.withMedia(media, clock.millis()), "version", memberId);
    }

    public synchronized void laser(String memberId, double x, double y, long frame) {
        requireMember(memberId);
        requireUnit("x", x);
        requireUnit("y", y);
        LaserPointer pointer = new LaserPointer(memberId, x, y, requireFrame(frame));
        lasers.put(memberId, pointer);
        broadcast(new Laser(id, pointer, true));
    }

    public synchronized void laserOff(String memberId) {
        requireMember(memberId);
        LaserPointer last = lasers.remove(memberId);
        broadcast(new Laser(id, last != null ? last : new LaserPointer(memberId, 0, 0, 0), false));
    }

    /**
     * Adds points to a member's stroke, starting it if new; {@code done} finishes it (the finished
     * drawing is saved as a note through the notes API, not kept here).
     */
    public synchronized void stroke(
            String memberId,
            String strokeId,
            long frame,
            String color,
            double width,
            List<Point> points,
            boolean done) {
        requireMember(memberId);
        if (!STROKE_ID.matcher(strokeId).matches()) {
            throw new SessionException("invalid_stroke", "stroke id must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        requireFrame(frame);
        if (!COLOR.matcher(color).matches()) {
            throw new SessionException("invalid_stroke", "colour must be #rrggbb or #rrggbbaa, got " + color);
        }
        if (!(width > 0 && width <= MAX_STROKE_WIDTH)) {
            throw new SessionException(
                    "invalid_stroke",
                    "width is a fraction of the picture height in (0, " + MAX_STROKE_WIDTH + "], got " + width);
        }
        for (Point point : points) {
            requireUnit("point x", point.x());
            requireUnit("point y", point.y());
        }
        String key = memberId + '/' + strokeId;
        Stroke current = strokes.get(key);
        if (current == null) {
            long own = strokes.values().stream()
                    .filter(s -> s.memberId().equals(memberId))
                    .count();
            if (own >= MAX_STROKES_PER_MEMBER) {
                throw new SessionException(
                        "too_many_strokes", "at most " + MAX_STROKES_PER_MEMBER + " strokes in progress per member");
            }
            current = new Stroke(memberId, strokeId, frame, color, width, List.of());
        } else if (current.frame() != frame || !current.color().equals(color) || current.width() != width) {
            throw new SessionException(
                    "invalid_stroke", "stroke " + strokeId + " cannot change its frame, colour or width");
        }
        if (current.points().size() + points.size() > MAX_POINTS_PER_STROKE) {
            throw new SessionException("invalid_stroke", "a stroke holds at most " + MAX_POINTS_PER_STROKE + " points");
        }
        List<Point> all = new ArrayList<>(current.points());
        all.addAll(points);
        Stroke grown = new Stroke(memberId, strokeId, frame, color, width, all);
        if (done) {
            strokes.remove(key);
        } else {
            strokes.put(key, grown);
        }
        broadcast(strokeEvent(grown, points, done ? StrokePhase.DONE : StrokePhase.DRAWING));
    }

    public synchronized void cancelStroke(String memberId, String strokeId) {
        requireMember(memberId);
        Stroke removed = strokes.remove(memberId + '/' + strokeId);
        if (removed == null) {
            throw new SessionException("unknown_stroke", "no stroke " + strokeId + " in progress");
        }
        broadcast(strokeEvent(removed, List.of(), StrokePhase.CANCELLED));
    }

    /** Asks to drive: forwarded to the driver, or granted at once when nobody drives. */
    public synchronized void requestDriver(String memberId) {
        requireMember(memberId);
        if (memberId.equals(driverId)) {
            throw new SessionException("already_driver", "you already drive this session");
        }
        if (driverId == null) {
            changeDriver(memberId);
            broadcastPresence();
            return;
        }
        if (pendingRequests.add(memberId)) {
            output.send(new DriverRequested(id, memberId, members.get(memberId)), List.of(driverId));
        }
    }

    /** The driver's answer to a pending request. */
    public synchronized void answerDriverRequest(String memberId, String requesterId, boolean grant) {
        requireDriver(memberId);
        if (!pendingRequests.remove(requesterId)) {
            throw new SessionException("no_request", "member " + requesterId + " has not asked to drive");
        }
        if (grant) {
            changeDriver(requesterId);
            broadcastPresence();
        } else {
            output.send(new DriverDenied(id, "the driver declined"), List.of(requesterId));
        }
    }

    /** The driver gives up control; nobody drives until a member asks. */
    public synchronized void releaseDriver(String memberId) {
        requireDriver(memberId);
        changeDriver(null);
        broadcastPresence();
    }

    public synchronized Snapshot snapshotFor(String memberId) {
        return new Snapshot(
                id,
                memberId,
                state,
                members(),
                List.copyOf(lasers.values()),
                List.copyOf(strokes.values()),
                clock.millis());
    }

    private void changeDriver(String newDriver) {
        for (String requester : pendingRequests) {
            if (!requester.equals(newDriver)) {
                output.send(new DriverDenied(id, "driver changed"), List.of(requester));
            }
        }
        pendingRequests.clear();
        driverId = newDriver;
    }

    private void changeState(PlaybackState next, String cause, String by) {
        state = next;
        broadcast(new StateChanged(id, next, cause, by, clock.millis()));
    }

    private void broadcastPresence() {
        broadcast(new Presence(id, members()));
    }

    private void broadcast(SessionEvent event) {
        output.send(event, List.copyOf(members.keySet()));
    }

    private StrokeChanged strokeEvent(Stroke stroke, List<Point> added, StrokePhase phase) {
        return new StrokeChanged(
                id, stroke.memberId(), stroke.strokeId(), stroke.frame(), stroke.color(), stroke.width(), added, phase);
    }

    private void requireMember(String memberId) {
        if (!members.containsKey(memberId)) {
            throw new SessionException("not_member", "join session " + id + " first");
        }
    }

    private void requireDriver(String memberId) {
        requireMember(memberId);
        if (!memberId.equals(driverId)) {
            throw new SessionException(
                    "not_driver",
                    driverId == null
                            ? "nobody drives this session: ask to drive first"
                            : "only the driver (" + members.get(driverId) + ") may change playback");
        }
    }

    private long requireFrame(long frame) {
        if (frame < 0 || frame >= state.frameCount()) {
            throw new SessionException(
                    "invalid_frame",
                    "frame " + frame + " is outside the media (frames 0.." + (state.frameCount() - 1) + ")");
        }
        return frame;
    }

    private static void requireUnit(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new SessionException("invalid_point", what + " must be within 0..1 (normalised), got " + value);
        }
    }
}
