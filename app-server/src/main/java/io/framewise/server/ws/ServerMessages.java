package io.framewise.server.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.live.PlaybackState;
import io.framewise.server.live.SessionEvent;
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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Writes server-to-client messages: JSON objects with {@code v} and {@code type} first. Each event
 * is encoded once and the same text goes to every recipient.
 */
public final class ServerMessages {

    private final ObjectMapper mapper;

    public ServerMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String welcome(String connectionId, String name) {
        ObjectNode node = message("welcome");
        node.put("connection", connectionId);
        node.put("name", name);
        node.put("maxMessageBytes", Protocol.MAX_MESSAGE_BYTES);
        return write(node);
    }

    public String pong() {
        return write(message("pong"));
    }

    public String error(ProtocolError error) {
        ObjectNode node = message("error");
        node.put("code", error.code());
        node.put("message", error.message());
        if (error.type() != null) {
            node.put("about", error.type());
        }
        if (error.ref() != null) {
            node.put("ref", error.ref());
        }
        return write(node);
    }

    public String subscribed(Topic topic, boolean subscribed) {
        ObjectNode node = message(subscribed ? "subscribed" : "unsubscribed");
        topic(node, topic);
        return write(node);
    }

    /** Who watches a topic: {@code presence} with {@code viewers} [{id, name}]. */
    public String presence(Topic topic, List<MemberView> viewers) {
        ObjectNode node = message("presence");
        topic(node, topic);
        ArrayNode array = node.putArray("viewers");
        viewers.forEach(v -> array.addObject().put("id", v.id()).put("name", v.name()));
        return write(node);
    }

    public String library(LibraryEvent event) {
        ObjectNode node = message("library.event");
        node.put("kind", event.kind().wireName());
        node.put("media", event.mediaId());
        putIfPresent(node, "asset", event.assetId());
        putIfPresent(node, "name", event.name());
        putIfPresent(node, "stage", event.stage());
        if (event.progress() != null) {
            node.put("progress", event.progress());
        }
        putIfPresent(node, "reason", event.reason());
        return write(node);
    }

    public String note(NoteEvent event) {
        ObjectNode node = message("note.event");
        node.put("kind", event.kind().wireName());
        node.put("note", event.noteId());
        node.put("media", event.mediaId());
        putIfPresent(node, "asset", event.assetId());
        if (event.note() != null) {
            node.set("data", mapper.valueToTree(event.note()));
        }
        return write(node);
    }

    public String session(SessionEvent event) {
        ObjectNode node;
        if (event instanceof Snapshot s) {
            node = message("session.snapshot");
            node.put("session", s.sessionId());
            node.put("you", s.memberId());
            node.put("serverTime", s.serverTime());
            state(node.putObject("state"), s.state());
            members(node.putArray("members"), s.members());
            ArrayNode lasers = node.putArray("lasers");
            s.lasers().forEach(l -> laser(lasers.addObject(), l));
            ArrayNode strokes = node.putArray("strokes");
            for (Stroke stroke : s.strokes()) {
                ObjectNode o = strokes.addObject();
                o.put("member", stroke.memberId())
                        .put("stroke", stroke.strokeId())
                        .put("frame", stroke.frame());
                o.put("color", stroke.color()).put("width", stroke.width());
                points(o.putArray("points"), stroke.points());
            }
        } else if (event instanceof StateChanged c) {
            node = message("session.state");
            node.put("session", c.sessionId());
            node.put("cause", c.cause());
            putIfPresent(node, "by", c.by());
            node.put("serverTime", c.serverTime());
            state(node.putObject("state"), c.state());
        } else if (event instanceof Presence p) {
            node = message("session.presence");
            node.put("session", p.sessionId());
            members(node.putArray("members"), p.members());
        } else if (event instanceof Laser l) {
            node = message("session.laser");
            node.put("session", l.sessionId());
            node.put("visible", l.visible());
            laser(node, l.laser());
        } else if (event instanceof StrokeChanged s) {
            node = message("session.stroke");
            node.put("session", s.sessionId());
            node.put("member", s.memberId()).put("stroke", s.strokeId()).put("frame", s.frame());
            node.put("color", s.color()).put("width", s.width());
            node.put("phase", s.phase().name().toLowerCase(Locale.ROOT));
            points(node.putArray("points"), s.addedPoints());
        } else if (event instanceof DriverRequested r) {
            node = message("session.driver.requested");
            node.put("session", r.sessionId());
            node.put("member", r.requesterId());
            node.put("name", r.requesterName());
        } else if (event instanceof DriverDenied d) {
            node = message("session.driver.denied");
            node.put("session", d.sessionId());
            node.put("reason", d.reason());
        } else {
            throw new IllegalArgumentException(
                    "no encoding for " + event.getClass().getName());
        }
        return write(node);
    }

    private static void state(ObjectNode node, PlaybackState state) {
        node.put("media", state.mediaId());
        putIfPresent(node, "asset", state.assetId());
        node.put("frameCount", state.frameCount());
        node.putObject("frameRate")
                .put("num", state.frameRate().numerator())
                .put("den", state.frameRate().denominator());
        node.put("playing", state.playing());
        node.put("frame", state.frame());
        node.put("anchor", state.anchorMillis());
        node.put("rate", state.rate());
        if (state.loop() == null) {
            node.putNull("loop");
        } else {
            node.putObject("loop")
                    .put("in", state.loop().in())
                    .put("out", state.loop().out());
        }
        node.put("revision", state.revision());
    }

    private static void members(ArrayNode array, List<MemberView> members) {
        members.forEach(
                m -> array.addObject().put("id", m.id()).put("name", m.name()).put("driver", m.driver()));
    }

    private static void laser(ObjectNode node, LaserPointer laser) {
        node.put("member", laser.memberId())
                .put("x", laser.x())
                .put("y", laser.y())
                .put("frame", laser.frame());
    }

    private static void points(ArrayNode array, List<Point> points) {
        points.forEach(p -> array.addArray().add(p.x()).add(p.y()));
    }

    private static void topic(ObjectNode node, Topic topic) {
        node.put("scope", topic.scope().wireName());
        putIfPresent(node, "id", topic.id());
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private ObjectNode message(String type) {
        ObjectNode node = mapper.createObjectNode();
        node.put("v", Protocol.VERSION);
        node.put("type", type);
        return node;
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
