package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserNamesTest {

    @Test
    void namesCompareInLowerCaseNfkc() {
        assertEquals("alice", UserNames.canonical("Alice"));
        assertEquals("alice", UserNames.canonical("ＡＬＩＣＥ"));
        assertEquals("file.io", UserNames.canonical("ﬁle.io"));
        assertEquals("Émile", UserNames.display("E\u0301mile"));
        assertEquals("émile", UserNames.canonical("E\u0301mile"));
        assertEquals("jürgen_2", UserNames.canonical("Jürgen_2"));
        assertEquals("山田たろう", UserNames.canonical("山田たろう"));
    }

    @Test
    void badNamesAreRefusedWithAReason() {
        assertMessage("", "the user name is empty");
        assertMessage("a'; DROP TABLE users;--", "''' is not allowed");
        assertMessage("bob smith", "' ' is not allowed");
        assertMessage("-rf", "must start with a letter or digit");
        assertMessage("..", "must start with a letter or digit");
        assertMessage("x".repeat(65), "65 characters long; at most 64");
        assertMessage("bob\u0000", "control or invisible character (U+0000)");
        assertMessage("bob\nadmin", "U+000A");
        assertMessage("bo\u200Bb", "U+200B");
        assertMessage("p\u0430ypal", "mixes");
        assertEquals("x".repeat(64), UserNames.canonical("x".repeat(64)));
    }

    private static void assertMessage(String name, String expected) {
        String message = assertThrows(AccountException.BadName.class, () -> UserNames.canonical(name))
                .getMessage();
        assertTrue(message.contains(expected), message);
    }
}
