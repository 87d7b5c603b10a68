package io.framewise.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreUniqueUrlSafeAndCarry128Bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = Ids.newId();
            assertTrue(seen.add(id), "duplicate id " + id);
            assertEquals(22, id.length());
            assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
            assertEquals(16, Base64.getUrlDecoder().decode(id).length);
        }
        assertTrue(Ids.BITS >= 128);
    }

    @Test
    void consecutiveIdsShareNoPrefix() {
        // Sequential or time-based ids would share leading characters; random ones almost never do.
        int sharedFirstTwo = 0;
        String previous = Ids.newId();
        for (int i = 0; i < 1000; i++) {
            String next = Ids.newId();
            if (next.substring(0, 2).equals(previous.substring(0, 2))) {
                sharedFirstTwo++;
            }
            previous = next;
        }
        assertTrue(sharedFirstTwo < 10, "ids look sequential: " + sharedFirstTwo + " shared prefixes");
    }

    @Test
    void validationNamesTheField() {
        assertTrue(Ids.isValid(Ids.newId()));
        assertFalse(Ids.isValid("../../etc/passwd"));
        assertFalse(Ids.isValid(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ids.require("mediaId", "nope"));
        assertTrue(e.getMessage().startsWith("mediaId "), e.getMessage());
    }
}
