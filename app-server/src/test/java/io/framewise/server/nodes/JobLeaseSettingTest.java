package io.framewise.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.media.MediaOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job lease of a node (ADR 0063): the three-node test shortens it with {@value
 * MediaOptions#JOB_LEASE_PROPERTY}, so a node that reads a wrong value must refuse to start with a
 * sentence, never run with a lease of zero (every job taken over at once by another node) or a
 * lease no one waits out.
 */
class JobLeaseSettingTest {

    @AfterEach
    void clear() {
        System.clearProperty(MediaOptions.JOB_LEASE_PROPERTY);
    }

    @Test
    void withoutTheSettingTheLeaseIsTwoMinutes() {
        assertEquals(Duration.ofMinutes(2), MediaOptions.fromSystemProperties().jobLease());
    }

    @Test
    void aWholeNumberOfSecondsSetsTheLease() {
        System.setProperty(MediaOptions.JOB_LEASE_PROPERTY, " 3 ");
        assertEquals(Duration.ofSeconds(3), MediaOptions.fromSystemProperties().jobLease());
    }

    @Test
    void zeroNegativeTooLongAndGarbageAreRefusedWithTheReason() {
        for (String bad : new String[] {"0", "-5", "86401", "3s", "1.5", "ninety", "99999999999999999999"}) {
            System.setProperty(MediaOptions.JOB_LEASE_PROPERTY, bad);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, MediaOptions::fromSystemProperties, bad);
            assertTrue(e.getMessage().startsWith(MediaOptions.JOB_LEASE_PROPERTY + " must be"), e.getMessage());
        }
    }
}
