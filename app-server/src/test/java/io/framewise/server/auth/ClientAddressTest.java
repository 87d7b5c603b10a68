package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a request counts as coming from, with and without trusted proxies in front. */
class ClientAddressTest {

    private static final AuthSettings BEHIND_NGINX =
            AuthSettings.local().withTrustedProxies(List.of("127.0.0.1/32", "10.0.0.0/8"));

    @Test
    void withoutATrustedPeerTheHeaderIsIgnored() {
        assertEquals("192.0.2.1", ClientAddress.resolve("192.0.2.1", List.of("203.0.113.9"), BEHIND_NGINX));
        assertEquals("127.0.0.1", ClientAddress.resolve("127.0.0.1", List.of("203.0.113.9"), AuthSettings.local()));
    }

    @Test
    void aTrustedPeerNamesTheClientAsTheRightMostUntrustedHop() {
        assertEquals("203.0.113.9", ClientAddress.resolve("127.0.0.1", List.of("203.0.113.9"), BEHIND_NGINX));
        // The client wrote the left part itself: only what the proxies appended counts.
        assertEquals(
                "203.0.113.9",
                ClientAddress.resolve("127.0.0.1", List.of("6.6.6.6, 203.0.113.9, 10.1.2.3"), BEHIND_NGINX));
        assertEquals(
                "203.0.113.9", ClientAddress.resolve("127.0.0.1", List.of("6.6.6.6", "203.0.113.9"), BEHIND_NGINX));
        assertEquals("10.1.2.3", ClientAddress.resolve("127.0.0.1", List.of("10.1.2.3"), BEHIND_NGINX));
        assertEquals("127.0.0.1", ClientAddress.resolve("127.0.0.1", List.of(), BEHIND_NGINX));
    }

    @Test
    void anUnreadableHopEndsTheWalkAtTheLastTrustedOne() {
        assertEquals("127.0.0.1", ClientAddress.resolve("127.0.0.1", List.of("evil.example"), BEHIND_NGINX));
        assertEquals(
                "10.9.9.9", ClientAddress.resolve("127.0.0.1", List.of("1.1.1.1, unknown, 10.9.9.9"), BEHIND_NGINX));
        assertEquals(
                "2001:db8:0:0:0:0:0:1", ClientAddress.resolve("127.0.0.1", List.of("[2001:db8::1]"), BEHIND_NGINX));
    }

    @Test
    void onlyNumericAddressesAreReadAndNoneIsLookedUp() {
        for (String notAnAddress : new String[] {"localhost", "cafe", "10", "999.1.1.1", "1.2.3", "::g", "", null}) {
            assertTrue(Cidr.numeric(notAnAddress).isEmpty(), String.valueOf(notAnAddress));
        }
        assertEquals(
                "198.51.100.4", Cidr.numeric(" 198.51.100.4 ").orElseThrow().getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", Cidr.numeric("::1").orElseThrow().getHostAddress());
    }
}
