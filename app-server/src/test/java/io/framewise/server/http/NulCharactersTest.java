package io.framewise.server.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NulCharactersTest {

    @Test
    void anEscapedNulInAJsonStringIsFound() {
        assertTrue(NulCharacters.escapesNul("{\"text\":\"a\\u0000b\"}"));
        assertTrue(NulCharacters.escapesNul("{\"text\":\"\\\\\\u0000\"}"), "an escaped backslash, then NUL");
        assertTrue(NulCharacters.escapesNul("[\"x\",\"\\u0000\"]"));
    }

    @Test
    void aBackslashFollowedByTheTextU0000IsNotNul() {
        assertFalse(NulCharacters.escapesNul("{\"text\":\"\\\\u0000\"}"));
        assertFalse(NulCharacters.escapesNul("{\"text\":\"u0000\"}"));
        assertFalse(NulCharacters.escapesNul("{\"text\":\"\\u00001\"}".replace("\\u0000", "\\u0001")));
        assertFalse(NulCharacters.escapesNul(""));
    }

    @Test
    void theErrorNamesTheFieldThatHoldsNul() {
        ApiException.BadRequest e = assertThrows(
                ApiException.BadRequest.class,
                () -> NulCharacters.checkJson("{\"in\":0,\"steps\":[{\"x\":1},{\"text\":\"a\\u0000\"}]}"));
        assertTrue(e.getMessage().contains("'steps.[1].text'"), e.getMessage());
        assertTrue(e.getMessage().contains("control characters"), e.getMessage());
        assertDoesNotThrow(() -> NulCharacters.checkJson("{\"text\":\"\\\\u0000\"}"));
        // Not JSON: the route's own parser answers.
        assertDoesNotThrow(() -> NulCharacters.checkJson("{\"text\":\"\\u0000"));
    }

    @Test
    void percent00InTheAddressIsRefusedWithAClearError() {
        ApiException.BadRequest e =
                assertThrows(ApiException.BadRequest.class, () -> NulCharacters.checkAddress("/api/media", "q=a%00b"));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        assertThrows(ApiException.BadRequest.class, () -> NulCharacters.checkAddress("/api/media/a%00", null));
        assertDoesNotThrow(() -> NulCharacters.checkAddress("/api/media", "q=100%25"));
        assertDoesNotThrow(() -> NulCharacters.checkAddress("/api/media", null));
    }
}
