package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final PasswordHasher CHEAP = new PasswordHasher(64, 1);

    @Test
    void theProductionCostHashesAndVerifies() {
        PasswordHasher hasher = new PasswordHasher();
        long start = System.nanoTime();
        String hash = hasher.hash("correct horse battery");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Argon2id m=19 MiB t=2 p=1: one hash took " + millis + " ms");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertFalse(hash.contains("correct horse battery"));
        assertTrue(hasher.verify("correct horse battery", hash));
        assertFalse(hasher.verify("correct horse batterY", hash));
        assertFalse(hasher.needsRehash(hash));
    }

    @Test
    void serversHashAtTheProductionCostUnlessTheLightCostIsAskedForByName() {
        String before = System.getProperty(PasswordHasher.COST_PROPERTY);
        try {
            System.clearProperty(PasswordHasher.COST_PROPERTY);
            assertTrue(PasswordHasher.configured()
                    .hash("correct horse battery")
                    .startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
            System.setProperty(PasswordHasher.COST_PROPERTY, PasswordHasher.LIGHT);
            PasswordHasher light = PasswordHasher.configured();
            String hash = light.hash("correct horse battery");
            assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash);
            assertTrue(light.verify("correct horse battery", hash));
            // A production server asked to verify a light hash still verifies it, then renews it.
            assertTrue(new PasswordHasher().needsRehash(hash));
            System.setProperty(PasswordHasher.COST_PROPERTY, "off");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, PasswordHasher::configured);
            assertTrue(e.getMessage().contains("framewise.passwordHashing must be 'light' or unset"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(PasswordHasher.COST_PROPERTY);
            } else {
                System.setProperty(PasswordHasher.COST_PROPERTY, before);
            }
        }
    }

    @Test
    void everyHashHasItsOwnSalt() {
        String a = CHEAP.hash("same password here");
        String b = CHEAP.hash("same password here");
        assertNotEquals(a, b);
        assertTrue(CHEAP.verify("same password here", a));
        assertTrue(CHEAP.verify("same password here", b));
    }

    @Test
    void missingOrForeignHashesNeverMatch() {
        assertFalse(CHEAP.verify("whatever password", null));
        assertFalse(CHEAP.verify("whatever password", "plain text"));
        assertFalse(CHEAP.verify("whatever password", "$2a$10$bcryptlookingthing"));
        assertFalse(CHEAP.verify(null, CHEAP.hash("whatever password")));
    }

    @Test
    void hashesFromAnotherCostStillVerifyAndAskForARehash() {
        String old = CHEAP.hash("an older password");
        PasswordHasher stronger = new PasswordHasher(128, 2);
        assertTrue(stronger.verify("an older password", old));
        assertTrue(stronger.needsRehash(old));
    }

    @Test
    void theHashingCapIsSizedByCoresAndHeap() {
        int cost = PasswordHasher.DEFAULT_MEMORY_KIB;
        assertEquals(2, HashingCap.sizeFor(2, 2L << 30, cost), "2 cores, 2 GiB heap: the cores decide");
        assertEquals(6, HashingCap.sizeFor(16, 512L << 20, cost), "a quarter of 512 MiB holds six hashes");
        assertEquals(1, HashingCap.sizeFor(8, 64L << 20, cost), "always at least one");
    }

    @Test
    void aFullCapRefusesInsteadOfAllocating() throws Exception {
        HashingCap cap = new HashingCap(1, java.time.Duration.ZERO);
        PasswordHasher hasher = new PasswordHasher(64, 1, cap);
        String hash = hasher.hash("a password to check");
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> cap.run(() -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        try {
            assertTrue(inside.await(10, java.util.concurrent.TimeUnit.SECONDS), "the holder took the slot");
            var busy = assertThrows(
                    io.framewise.server.http.ApiException.Unavailable.class,
                    () -> hasher.verify("a password to check", hash));
            assertEquals(503, busy.status());
            assertEquals(HashingCap.RETRY_AFTER_SECONDS, busy.retryAfterSeconds());
        } finally {
            release.countDown();
            holder.join();
        }
        assertTrue(hasher.verify("a password to check", hash), "a free slot checks again");
    }

    @Test
    void thePolicySaysWhatIsWrong() {
        assertEquals(
                "the password is too short (9 characters); use at least 10",
                assertThrows(AccountException.WeakPassword.class, () -> CHEAP.hash("123456789"))
                        .getMessage());
        assertEquals(
                "the password is empty; use at least 10 characters",
                assertThrows(AccountException.WeakPassword.class, () -> PasswordPolicy.check(""))
                        .getMessage());
        assertEquals(
                "the password is too long (1025 characters); use at most 1024",
                assertThrows(AccountException.WeakPassword.class, () -> PasswordPolicy.check("x".repeat(1025)))
                        .getMessage());
        assertEquals(
                "the password is only whitespace",
                assertThrows(AccountException.WeakPassword.class, () -> PasswordPolicy.check(" \t".repeat(8)))
                        .getMessage());
        // Lengths count characters, not UTF-16 units: ten emoji are ten characters.
        assertEquals("😀".repeat(10), PasswordPolicy.check("😀".repeat(10)));
        assertThrows(AccountException.WeakPassword.class, () -> PasswordPolicy.check("😀".repeat(9)));
        assertEquals("x".repeat(1024), PasswordPolicy.check("x".repeat(1024)));
    }
}
