package io.framewise.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void hostileNamesBecomeSafeSingleElements() {
        assertEquals("passwd", FileNames.sanitize("../../etc/passwd"));
        assertEquals("evil.mp4", FileNames.sanitize("..\\..\\windows\\evil.mp4"));
        assertEquals("upload", FileNames.sanitize(".."));
        assertEquals("upload", FileNames.sanitize("   "));
        assertEquals("upload", FileNames.sanitize(null));
        assertEquals("bashrc", FileNames.sanitize(".bashrc"));
        assertEquals("ab.mp4", FileNames.sanitize("a\u0000b\n.mp4"));
        assertEquals("clip.mp4", FileNames.sanitize("clip\u202Egpj.mp4".replace("gpj", "")));
        assertEquals("a_b_c.mov", FileNames.sanitize("a<b>c.mov".replace(">", "|")));
        assertEquals("_CON.txt", FileNames.sanitize("CON.txt"));
        assertEquals("_-rf.mp4", FileNames.sanitize("-rf.mp4"));
        assertEquals("Café cut.mp4", FileNames.sanitize("Cafe\u0301 cut.mp4"));
    }

    @Test
    void overlongNamesKeepTheirExtensionWithinTheByteLimit() {
        String name = FileNames.sanitize("é".repeat(500) + ".mp4");
        assertTrue(name.endsWith(".mp4"), name);
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES, name);
        assertFalse(name.contains("\uFFFD"));
    }

    @Test
    void sanitisedNamesResolveInsideTheFolder() {
        Path dir = Path.of("/data/uploads");
        for (String raw : new String[] {"../x", "/abs/path", "a/../../b", "..", "x\\..\\..\\y"}) {
            Path p = dir.resolve(FileNames.sanitize(raw)).normalize();
            assertEquals(dir, p.getParent(), raw);
        }
    }

    @Test
    void theOriginalIsKeptAsSentUpToALength() {
        assertEquals("../../etc/passwd", FileNames.original("../../etc/passwd"));
        assertEquals(
                FileNames.MAX_ORIGINAL_CHARS,
                FileNames.original("x".repeat(5000)).length());
    }
}
