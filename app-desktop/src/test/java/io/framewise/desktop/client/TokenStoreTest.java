package io.framewise.desktop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @Test
    void keepsOneTokenPerServerInAFileOnlyTheUserCanRead(@TempDir Path dir) throws Exception {
        TokenStore store = new TokenStore(dir.resolve("cfg/framewise/tokens.properties"));
        store.put("http://a.example:8642/", "fw_one");
        store.put("http://b.example:8642", "fw_two");
        assertEquals(
                Optional.of("fw_one"), store.token("http://a.example:8642"), "a trailing slash names the same server");
        assertEquals(Optional.of("fw_two"), new TokenStore(store.file()).token("http://b.example:8642/"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(store.file().getParent())));
        store.remove("http://a.example:8642");
        assertTrue(store.token("http://a.example:8642").isEmpty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void followsXdgConfigHome(@TempDir Path dir) {
        TokenStore store = TokenStore.forUser(java.util.Map.of("XDG_CONFIG_HOME", dir.toString()));
        assertEquals(dir.resolve("framewise/tokens.properties"), store.file());
    }
}
