package io.framewise.server.ws;

import io.framewise.server.live.SessionEvent.Point;
import java.util.List;

/**
 * Messages a client sends over {@code /api/ws} (protocol version {@value Protocol#VERSION}). On the
 * wire each is a JSON object {@code {"v":1,"type":"...", ...}} with an optional {@code ref} string
 * that the server echoes in an error about it. Field names are given with each record.
 */
public sealed interface ClientMessage {

    /** {@code ping}: answered with {@code pong} (for clients that cannot send WebSocket pings). */
    record Ping() implements ClientMessage {}

    /** {@code subscribe} {@code scope} (library|asset|media), {@code id} (not for library). */
    record Subscribe(Topic topic) implements ClientMessage {}

    /** {@code unsubscribe} {@code scope}, {@code id}. */
    record Unsubscribe(Topic topic) implements ClientMessage {}

    /** Messages about one live session, named by {@code session}. */
    sealed interface SessionMessage extends ClientMessage {
        String session();
    }

    /** {@code session.create} {@code media}: the creator drives. */
    record CreateSession(String media) implements ClientMessage {}

    /** {@code session.join} {@code session}. */
    record JoinSession(String session) implements SessionMessage {}

    /** {@code session.leave} {@code session}. */
    record LeaveSession(String session) implements SessionMessage {}

    /** {@code session.play} {@code session}, optional {@code frame} to start from. */
    record Play(String session, Long frame) implements SessionMessage {}

    /** {@code session.pause} {@code session}, optional {@code frame} the driver's player stopped on. */
    record Pause(String session, Long frame) implements SessionMessage {}

    /** {@code session.seek} {@code session}, {@code frame}. */
    record Seek(String session, long frame) implements SessionMessage {}

    /** {@code session.step} {@code session}, {@code delta} (frames, negative steps back). */
    record Step(String session, long delta) implements SessionMessage {}

    /** {@code session.loop} {@code session}, {@code in}, {@code out}: loop over {@code [in, out)}. */
    record Loop(String session, long in, long out) implements SessionMessage {}

    /** {@code session.loop.clear} {@code session}. */
    record ClearLoop(String session) implements SessionMessage {}

    /** {@code session.rate} {@code session}, {@code rate} (0.1..16). */
    record Rate(String session, double rate) implements SessionMessage {}

    /** {@code session.version} {@code session}, {@code media}: show another version. */
    record SwitchVersion(String session, String media) implements SessionMessage {}

    /** {@code session.laser} {@code session}, {@code x}, {@code y} (0..1), {@code frame}. */
    record LaserAt(String session, double x, double y, long frame) implements SessionMessage {}

    /** {@code session.laser.off} {@code session}. */
    record LaserOff(String session) implements SessionMessage {}

    /**
     * {@code session.stroke} {@code session}, {@code stroke} (client-chosen id), {@code frame},
     * {@code color} (#rrggbb[aa]), {@code width} (fraction of picture height), {@code points}
     * ([[x,y],...] normalised, appended), optional {@code done}.
     */
    record StrokePart(
            String session, String stroke, long frame, String color, double width, List<Point> points, boolean done)
            implements SessionMessage {}

    /** {@code session.stroke.cancel} {@code session}, {@code stroke}. */
    record CancelStroke(String session, String stroke) implements SessionMessage {}

    /** {@code session.driver.request} {@code session}. */
    record RequestDriver(String session) implements SessionMessage {}

    /** {@code session.driver.answer} {@code session}, {@code member}, {@code grant}. */
    record AnswerDriver(String session, String member, boolean grant) implements SessionMessage {}

    /** {@code session.driver.release} {@code session}. */
    record ReleaseDriver(String session) implements SessionMessage {}
}
