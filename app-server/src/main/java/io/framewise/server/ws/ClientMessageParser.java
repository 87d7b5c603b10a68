package io.framewise.server.ws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.server.live.SessionEvent.Point;
import io.framewise.server.ws.ClientMessage.AnswerDriver;
import io.framewise.server.ws.ClientMessage.CancelStroke;
import io.framewise.server.ws.ClientMessage.ClearLoop;
import io.framewise.server.ws.ClientMessage.CreateSession;
import io.framewise.server.ws.ClientMessage.JoinSession;
import io.framewise.server.ws.ClientMessage.LaserAt;
import io.framewise.server.ws.ClientMessage.LaserOff;
import io.framewise.server.ws.ClientMessage.LeaveSession;
import io.framewise.server.ws.ClientMessage.Loop;
import io.framewise.server.ws.ClientMessage.Pause;
import io.framewise.server.ws.ClientMessage.Ping;
import io.framewise.server.ws.ClientMessage.Play;
import io.framewise.server.ws.ClientMessage.Rate;
import io.framewise.server.ws.ClientMessage.ReleaseDriver;
import io.framewise.server.ws.ClientMessage.RequestDriver;
import io.framewise.server.ws.ClientMessage.Seek;
import io.framewise.server.ws.ClientMessage.Step;
import io.framewise.server.ws.ClientMessage.StrokePart;
import io.framewise.server.ws.ClientMessage.Subscribe;
import io.framewise.server.ws.ClientMessage.SwitchVersion;
import io.framewise.server.ws.ClientMessage.Unsubscribe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads client messages strictly: well-formed JSON, one object, the current version, a known type,
 * every required field present with the right JSON type, no unknown fields. Anything else becomes
 * a {@link ProtocolError} naming the problem; this class never throws on input.
 */
public final class ClientMessageParser {

    /** The outcome of parsing one text message. */
    public sealed interface Result {}

    public record Parsed(ClientMessage message, String type, String ref) implements Result {}

    public record Rejected(ProtocolError error) implements Result {}

    private static final int MAX_POINTS_PER_MESSAGE = 1000;

    private final ObjectMapper mapper;

    public ClientMessageParser() {
        mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(8).build());
    }

    public Result parse(String text) {
        if (utf8Length(text) > Protocol.MAX_MESSAGE_BYTES) {
            return reject("too_large", "message exceeds " + Protocol.MAX_MESSAGE_BYTES + " bytes", null, null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return reject("bad_json", "not valid JSON: " + e.getOriginalMessage(), null, null);
        }
        if (root == null || !root.isObject()) {
            return reject("bad_message", "a message must be a JSON object", null, null);
        }
        ObjectNode object = (ObjectNode) root;
        String type = object.path("type").isTextual() ? object.get("type").asText() : null;
        String ref = object.path("ref").isTextual() ? object.get("ref").asText() : null;
        try {
            Fields fields = new Fields(object);
            fields.optionalString("ref");
            long version = fields.requiredLong("v");
            if (version != Protocol.VERSION) {
                throw new Invalid(
                        "unsupported_version",
                        "protocol version " + version + " is not supported; use " + Protocol.VERSION);
            }
            String declared = fields.requiredString("type");
            ClientMessage message = read(declared, fields);
            fields.rejectUnknown(declared);
            return new Parsed(message, declared, ref);
        } catch (Invalid e) {
            return reject(e.code, e.getMessage(), type, ref);
        }
    }

    private static ClientMessage read(String type, Fields f) {
        Function<Fields, ClientMessage> reader =
                switch (type) {
                    case "ping" -> x -> new Ping();
                    case "subscribe" -> x -> new Subscribe(topic(x));
                    case "unsubscribe" -> x -> new Unsubscribe(topic(x));
                    case "session.create" -> x -> new CreateSession(x.requiredId("media"));
                    case "session.join" -> x -> new JoinSession(x.requiredId("session"));
                    case "session.leave" -> x -> new LeaveSession(x.requiredId("session"));
                    case "session.play" -> x -> new Play(x.requiredId("session"), x.optionalLong("frame"));
                    case "session.pause" -> x -> new Pause(x.requiredId("session"), x.optionalLong("frame"));
                    case "session.seek" -> x -> new Seek(x.requiredId("session"), x.requiredLong("frame"));
                    case "session.step" -> x -> new Step(x.requiredId("session"), x.requiredLong("delta"));
                    case "session.loop" -> x ->
                            new Loop(x.requiredId("session"), x.requiredLong("in"), x.requiredLong("out"));
                    case "session.loop.clear" -> x -> new ClearLoop(x.requiredId("session"));
                    case "session.rate" -> x -> new Rate(x.requiredId("session"), x.requiredNumber("rate"));
                    case "session.version" -> x -> new SwitchVersion(x.requiredId("session"), x.requiredId("media"));
                    case "session.laser" -> x -> new LaserAt(
                            x.requiredId("session"),
                            x.requiredNumber("x"),
                            x.requiredNumber("y"),
                            x.requiredLong("frame"));
                    case "session.laser.off" -> x -> new LaserOff(x.requiredId("session"));
                    case "session.stroke" -> x -> new StrokePart(
                            x.requiredId("session"),
                            x.requiredId("stroke"),
                            x.requiredLong("frame"),
                            x.requiredString("color"),
                            x.requiredNumber("width"),
                            points(x),
                            Boolean.TRUE.equals(x.optionalBoolean("done")));
                    case "session.stroke.cancel" -> x ->
                            new CancelStroke(x.requiredId("session"), x.requiredId("stroke"));
                    case "session.driver.request" -> x -> new RequestDriver(x.requiredId("session"));
                    case "session.driver.answer" -> x -> new AnswerDriver(
                            x.requiredId("session"), x.requiredId("member"), x.requiredBoolean("grant"));
                    case "session.driver.release" -> x -> new ReleaseDriver(x.requiredId("session"));
                    default -> null;
                };
        if (reader == null) {
            throw new Invalid("unknown_type", "unknown message type '" + abbreviate(type) + "'");
        }
        return reader.apply(f);
    }

    private static Topic topic(Fields f) {
        String scope = f.requiredString("scope");
        switch (scope) {
            case "library":
                return Topic.LIBRARY;
            case "asset":
                return Topic.asset(f.requiredId("id"));
            case "media":
                return Topic.media(f.requiredId("id"));
            default:
                throw new Invalid(
                        "bad_field", "scope must be library, asset or media, got '" + abbreviate(scope) + "'");
        }
    }

    private static List<Point> points(Fields f) {
        JsonNode array = f.required("points");
        if (!array.isArray()) {
            throw new Invalid("bad_field", "field 'points' must be an array of [x, y] pairs");
        }
        if (array.size() > MAX_POINTS_PER_MESSAGE) {
            throw new Invalid("bad_field", "at most " + MAX_POINTS_PER_MESSAGE + " points per message");
        }
        List<Point> points = new ArrayList<>(array.size());
        for (JsonNode pair : array) {
            if (!pair.isArray()
                    || pair.size() != 2
                    || !pair.get(0).isNumber()
                    || !pair.get(1).isNumber()) {
                throw new Invalid("bad_field", "field 'points' must be an array of [x, y] number pairs");
            }
            points.add(new Point(pair.get(0).doubleValue(), pair.get(1).doubleValue()));
        }
        return points;
    }

    private static Rejected reject(String code, String message, String type, String ref) {
        return new Rejected(new ProtocolError(code, message, type == null ? null : abbreviate(type), ref));
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static long utf8Length(String text) {
        if ((long) text.length() * 3 <= Protocol.MAX_MESSAGE_BYTES) {
            return text.length();
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A field-level problem; carries the error code up to {@link #parse}. */
    private static final class Invalid extends RuntimeException {
        final String code;

        Invalid(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Typed access to an object's fields that remembers which were read, to reject the rest. */
    private static final class Fields {
        private final ObjectNode object;
        private final java.util.Set<String> read = new java.util.HashSet<>();

        Fields(ObjectNode object) {
            this.object = object;
        }

        JsonNode required(String name) {
            JsonNode node = optional(name);
            if (node == null) {
                throw new Invalid("missing_field", "missing field '" + name + "'");
            }
            return node;
        }

        JsonNode optional(String name) {
            read.add(name);
            JsonNode node = object.get(name);
            return node == null || node.isNull() ? null : node;
        }

        String requiredString(String name) {
            JsonNode node = required(name);
            if (!node.isTextual()) {
                throw wrongType(name, "a string");
            }
            return node.asText();
        }

        String optionalString(String name) {
            JsonNode node = optional(name);
            if (node != null && !node.isTextual()) {
                throw wrongType(name, "a string");
            }
            return node == null ? null : node.asText();
        }

        String requiredId(String name) {
            String value = requiredString(name);
            if (value.isEmpty() || value.length() > Protocol.MAX_ID_LENGTH) {
                throw new Invalid(
                        "bad_field", "field '" + name + "' must be 1.." + Protocol.MAX_ID_LENGTH + " characters");
            }
            return value;
        }

        long requiredLong(String name) {
            Long value = optionalLong(name);
            if (value == null) {
                throw new Invalid("missing_field", "missing field '" + name + "'");
            }
            return value;
        }

        Long optionalLong(String name) {
            JsonNode node = optional(name);
            if (node == null) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw wrongType(name, "an integer");
            }
            return node.longValue();
        }

        double requiredNumber(String name) {
            JsonNode node = required(name);
            if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
                throw wrongType(name, "a number");
            }
            return node.doubleValue();
        }

        boolean requiredBoolean(String name) {
            Boolean value = optionalBoolean(name);
            if (value == null) {
                throw new Invalid("missing_field", "missing field '" + name + "'");
            }
            return value;
        }

        Boolean optionalBoolean(String name) {
            JsonNode node = optional(name);
            if (node != null && !node.isBoolean()) {
                throw wrongType(name, "true or false");
            }
            return node == null ? null : node.booleanValue();
        }

        void rejectUnknown(String type) {
            object.fieldNames().forEachRemaining(name -> {
                if (!read.contains(name)) {
                    throw new Invalid(
                            "unknown_field", "unknown field '" + abbreviate(name) + "' in a '" + type + "' message");
                }
            });
        }

        private static Invalid wrongType(String name, String expected) {
            return new Invalid("bad_field", "field '" + name + "' must be " + expected);
        }
    }
}
