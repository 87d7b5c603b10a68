package io.framewise.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.time.FrameRate;
import io.framewise.server.live.LiveSession;
import io.framewise.server.live.MediaFacts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A client whose socket stops draining is closed and cleaned up; the others keep going. */
class SlowConsumerTest {

    /** A transport whose sends complete only when the test says so (or at once when fast). */
    private static final class HeldTransport implements WsTransport {
        final boolean fast;
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        String closedWith;

        HeldTransport(boolean fast) {
            this.fast = fast;
        }

        @Override
        public synchronized void sendText(String text, Consumer<Throwable> completion) {
            sent.add(text);
            if (fast) {
                completion.accept(null);
            } else {
                pending.add(completion);
            }
        }

        @Override
        public synchronized void close(int code, String reason) {
            closedWith = code + " " + reason;
        }
    }

    @Test
    void aStuckClientIsClosedWithAReasonAndLeavesItsSession() throws Exception {
        MediaFacts media = new MediaFacts("m", null, 1000, FrameRate.FPS_24);
        WsGateway gateway = new WsGateway(id -> Optional.of(media), new ObjectMapper(), Clock.systemUTC(), 16);
        HeldTransport fastSocket = new HeldTransport(true);
        HeldTransport stuckSocket = new HeldTransport(false);
        ClientConnection driver = gateway.open(fastSocket, Identity.guest("Driver"));
        ClientConnection stuck = gateway.open(stuckSocket, Identity.guest("Stuck"));

        gateway.onText(driver, "{\"v\":1,\"type\":\"session.create\",\"media\":\"m\"}");
        LiveSession session =
                gateway.sessions().find(sessionIdIn(fastSocket.sent)).orElseThrow();
        gateway.onText(stuck, "{\"v\":1,\"type\":\"session.join\",\"session\":\"" + session.id() + "\"}");
        assertEquals(2, session.members().size());

        // Only the greeting is on the wire; everything after it waits in the stuck client's outbox.
        for (int frame = 0; frame < 40 && stuck.isOpen(); frame++) {
            gateway.onText(
                    driver,
                    "{\"v\":1,\"type\":\"session.seek\",\"session\":\"" + session.id() + "\",\"frame\":" + frame + "}");
        }
        assertEquals(1, stuckSocket.sent.size());
        assertTrue(
                stuckSocket.closedWith.startsWith("1008 too slow: more than 16 messages waiting"),
                stuckSocket.closedWith);
        assertEquals(1, session.members().size(), "the stuck client left the session");
        assertEquals(1, gateway.connectionCount());

        gateway.onText(
                driver, "{\"v\":1,\"type\":\"session.seek\",\"session\":\"" + session.id() + "\",\"frame\":999}");
        assertEquals(999, session.state().frame());
        assertTrue(fastSocket.sent.get(fastSocket.sent.size() - 1).contains("\"frame\":999"));

        // Completing the held send later is harmless: the outbox is closed.
        stuckSocket.pending.forEach(c -> c.accept(null));
        assertEquals(1, stuckSocket.sent.size());
    }

    private static String sessionIdIn(List<String> sent) throws Exception {
        for (String text : sent) {
            JsonNode message = new ObjectMapper().readTree(text);
            if (message.get("type").asText().equals("session.snapshot")) {
                return message.get("session").asText();
            }
        }
        throw new AssertionError("no snapshot in " + sent);
    }
}
