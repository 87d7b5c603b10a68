package io.framewise.server.organizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --organizer "CMD ARGS"} as the server command reads it. */
class OrganizerSettingsTest {

    @Test
    void commandLinesSplitOnSpacesAndKeepQuotedWords() {
        assertEquals(
                List.of("/usr/bin/python3", "/opt/my organizers/confidential.py", "--flag", ""),
                OrganizerSettings.parseCommand(
                        "  /usr/bin/python3 '/opt/my organizers/confidential.py'  --flag \"\" "));
        assertEquals(
                List.of("java", "-cp", "a b:c", "Main"), OrganizerSettings.parseCommand("java -cp \"a b\":c Main"));
    }

    @Test
    void emptyOrUnbalancedCommandsAreRefusedWithASentence() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrganizerSettings.parseCommand("   "))
                .getMessage()
                .contains("must name a program"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrganizerSettings.parseCommand("python3 'x.py"))
                .getMessage()
                .contains("unbalanced quote"));
        assertThrows(
                IllegalArgumentException.class, () -> OrganizerSettings.none().withCommand(List.of()));
    }
}
