package io.framewise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node id is made once per data folder, and only one running node holds the folder. */
class NodeIdentityTest {

    @TempDir
    Path data;

    @Test
    void theIdIsMadeOnceAndKeptAcrossStarts() throws Exception {
        String first;
        try (NodeIdentity node = NodeIdentity.claim(data)) {
            first = node.id();
            assertTrue(Ids.isValid(first), first);
            assertTrue(node.sole());
            assertEquals(
                    first, Files.readString(data.resolve(NodeIdentity.ID_FILE)).strip());
        }
        try (NodeIdentity again = NodeIdentity.claim(data)) {
            assertEquals(first, again.id());
            assertTrue(again.sole(), "the lock was released on close");
        }
        try (NodeIdentity other = NodeIdentity.claim(data.resolve("elsewhere"))) {
            assertNotEquals(first, other.id(), "another data folder is another node");
        }
    }

    @Test
    void aSecondNodeOnTheSameFolderIsNotSole() {
        try (NodeIdentity running = NodeIdentity.claim(data);
                NodeIdentity second = NodeIdentity.claim(data)) {
            assertTrue(running.sole());
            assertFalse(second.sole(), "it must leave the running node's jobs to their leases");
            assertEquals(running.id(), second.id());
        }
    }

    @Test
    void aDamagedIdFileIsReplaced() throws Exception {
        Files.createDirectories(data);
        Files.write(data.resolve(NodeIdentity.ID_FILE), new byte[] {(byte) 0xff, 0, '\n', 'x', ' ', '/'});
        try (NodeIdentity node = NodeIdentity.claim(data)) {
            assertTrue(Ids.isValid(node.id()), node.id());
            assertEquals(
                    node.id(),
                    Files.readString(data.resolve(NodeIdentity.ID_FILE)).strip());
        }
    }
}
