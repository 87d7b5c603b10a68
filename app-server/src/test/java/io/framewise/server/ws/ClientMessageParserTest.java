package io.framewise.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.live.SessionEvent.Point;
import io.framewise.server.ws.ClientMessage.Play;
import io.framewise.server.ws.ClientMessage.Seek;
import io.framewise.server.ws.ClientMessage.StrokePart;
import io.framewise.server.ws.ClientMessage.Subscribe;
import io.framewise.server.ws.ClientMessageParser.Parsed;
import io.framewise.server.ws.ClientMessageParser.Rejected;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMessageParserTest {

    private final ClientMessageParser parser = new ClientMessageParser();

    @Test
    void readsWellFormedMessages() {
        Parsed seek = parsed("{\"v\":1,\"type\":\"session.seek\",\"session\":\"abc\",\"frame\":1234,\"ref\":\"r1\"}");
        assertEquals(new Seek("abc", 1234), seek.message());
        assertEquals("r1", seek.ref());
        assertEquals(
                new Play("abc", null),
                parsed("{\"v\":1,\"type\":\"session.play\",\"session\":\"abc\"}")
                        .message());
        assertEquals(
                new Subscribe(Topic.media("m1")),
                parsed("{\"v\":1,\"type\":\"subscribe\",\"scope\":\"media\",\"id\":\"m1\"}")
                        .message());
        assertEquals(
                new Subscribe(Topic.LIBRARY),
                parsed("{\"v\":1,\"type\":\"subscribe\",\"scope\":\"library\"}").message());
        StrokePart stroke =
                (StrokePart) parsed("{\"v\":1,\"type\":\"session.stroke\",\"session\":\"s\",\"stroke\":\"k\","
                                + "\"frame\":3,\"color\":\"#00ff00\",\"width\":0.01,\"points\":[[0.1,0.2],[0,1]]}")
                        .message();
        assertEquals(List.of(new Point(0.1, 0.2), new Point(0, 1)), stroke.points());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "not json                | hello                                                            | bad_json",
                "truncated               | {\"v\":1,\"type\":                                               | bad_json",
                "array                   | [1,2,3]                                                          | bad_message",
                "string                  | \"session.seek\"                                                 | bad_message",
                "empty                   | ``                                                               | bad_message",
                "trailing tokens         | {\"v\":1,\"type\":\"ping\"} {}                                   | bad_json",
                "duplicate key           | {\"v\":1,\"v\":1,\"type\":\"ping\"}                              | bad_json",
                "no version              | {\"type\":\"ping\"}                                              | missing_field",
                "future version          | {\"v\":2,\"type\":\"ping\"}                                      | unsupported_version",
                "version as string       | {\"v\":\"1\",\"type\":\"ping\"}                                  | bad_field",
                "no type                 | {\"v\":1}                                                        | missing_field",
                "type as number          | {\"v\":1,\"type\":7}                                             | bad_field",
                "unknown type            | {\"v\":1,\"type\":\"session.explode\"}                           | unknown_type",
                "missing frame           | {\"v\":1,\"type\":\"session.seek\",\"session\":\"s\"}            | missing_field",
                "null frame              | {\"v\":1,\"type\":\"session.seek\",\"session\":\"s\",\"frame\":null} | missing_field",
                "frame as string         | {\"v\":1,\"type\":\"session.seek\",\"session\":\"s\",\"frame\":\"12\"} | bad_field",
                "fractional frame        | {\"v\":1,\"type\":\"session.seek\",\"session\":\"s\",\"frame\":1.5} | bad_field",
                "huge frame              | {\"v\":1,\"type\":\"session.seek\",\"session\":\"s\",\"frame\":99999999999999999999999} | bad_field",
                "NaN rate                | {\"v\":1,\"type\":\"session.rate\",\"session\":\"s\",\"rate\":NaN} | bad_json",
                "session as object       | {\"v\":1,\"type\":\"session.join\",\"session\":{}}               | bad_field",
                "empty session id        | {\"v\":1,\"type\":\"session.join\",\"session\":\"\"}             | bad_field",
                "unknown field           | {\"v\":1,\"type\":\"session.join\",\"session\":\"s\",\"x\":1}    | unknown_field",
                "library with id         | {\"v\":1,\"type\":\"subscribe\",\"scope\":\"library\",\"id\":\"m\"} | unknown_field",
                "bad scope               | {\"v\":1,\"type\":\"subscribe\",\"scope\":\"planet\"}            | bad_field",
                "grant as string         | {\"v\":1,\"type\":\"session.driver.answer\",\"session\":\"s\",\"member\":\"m\",\"grant\":\"yes\"} | bad_field",
                "points not pairs        | {\"v\":1,\"type\":\"session.stroke\",\"session\":\"s\",\"stroke\":\"k\",\"frame\":1,\"color\":\"#fff000\",\"width\":0.1,\"points\":[[1]]} | bad_field",
                "deep nesting            | {\"v\":1,\"type\":\"ping\",\"ref\":[[[[[[[[[[[[1]]]]]]]]]]]]}   | bad_json",
            })
    void rejectsGarbageWithACodeNamingTheProblem(String name, String text, String code) {
        ProtocolError error = rejected(text);
        assertEquals(code, error.code(), name + ": " + error.message());
        assertTrue(!error.message().isBlank());
    }

    @Test
    void errorsNameTheTypeAndEchoTheRef() {
        ProtocolError error = rejected("{\"v\":1,\"type\":\"session.seek\",\"session\":\"s\",\"ref\":\"q7\"}");
        assertEquals("missing field 'frame'", error.message());
        assertEquals("session.seek", error.type());
        assertEquals("q7", error.ref());
        assertNull(rejected("{]").type());
    }

    @Test
    void rejectsOversizedMessagesBeforeParsing() {
        String big = "{\"v\":1,\"type\":\"ping\",\"ref\":\"" + "x".repeat(Protocol.MAX_MESSAGE_BYTES) + "\"}";
        assertEquals("too_large", rejected(big).code());
        String multiByte = "{\"v\":1,\"type\":\"ping\",\"ref\":\"" + "é".repeat(Protocol.MAX_MESSAGE_BYTES / 2) + "\"}";
        assertEquals("too_large", rejected(multiByte).code(), "the limit counts UTF-8 bytes");
    }

    private Parsed parsed(String text) {
        return assertInstanceOf(Parsed.class, parser.parse(text), text);
    }

    private ProtocolError rejected(String text) {
        return assertInstanceOf(Rejected.class, parser.parse(text), text).error();
    }
}
