package io.framewise.server.audit;

import static io.framewise.server.audit.AuditOutcome.DENIED;
import static io.framewise.server.audit.AuditOutcome.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.MutableClock;
import io.framewise.server.db.Paging;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void appendedEntriesFormAChainThatVerifies() {
        try (Database db = Database.open(dir, new MutableClock(START))) {
            AuditLog log = new AuditLog(db);
            assertTrue(log.last().isEmpty());
            assertEquals(
                    "audit log intact: 0 entries",
                    new AuditVerifier(db).verify().message());

            AuditRecord first = log.append(AuditEntry.of("login.success", SUCCESS)
                    .by("u1", "ada")
                    .from("192.0.2.7")
                    .details(Map.of("method", "password")));
            AuditRecord second =
                    log.append(AuditEntry.of("login.failure", DENIED).by(null, "mallory"));

            assertEquals(1, first.seq());
            assertEquals(START, first.at());
            assertEquals(AuditChain.GENESIS, first.prevHash());
            assertEquals(first.hash(), second.prevHash());
            assertEquals(2, second.seq());
            assertEquals("{\"method\":\"password\"}", first.detailsJson());
            assertEquals(second, log.last().orElseThrow());

            AuditVerifier.Result result = new AuditVerifier(db).verify();
            assertTrue(result.intact(), result.message());
            assertEquals(2, result.entries());
            assertEquals("audit log intact: 2 entries", result.message());
        }
    }

    @Test
    void theHashFollowsTheDocumentedCanonicalForm() throws Exception {
        AuditRecord r = new AuditRecord(
                7, 1000, null, "ada", "login.success", null, null, "::1", "success", "{}", AuditChain.GENESIS, null);
        String canonical = "fw-audit-v1" + "1:7," + "4:1000," + "~" + "3:ada," + "13:login.success," + "~" + "~"
                + "3:::1," + "7:success," + "2:{}," + "64:" + AuditChain.GENESIS + ",";
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.HexFormat.of().formatHex(digest), AuditChain.hash(r));

        // Lengths count UTF-8 bytes, so moving a character between fields always changes the hash.
        AuditRecord shifted = new AuditRecord(
                7, 1000, null, "ad", "alogin.success", null, null, "::1", "success", "{}", AuditChain.GENESIS, null);
        assertTrue(!AuditChain.hash(r).equals(AuditChain.hash(shifted)));
    }

    @Test
    void concurrentAppendsKeepOneUnbrokenChain() throws Exception {
        try (Database db = Database.open(dir)) {
            AuditLog log = new AuditLog(db);
            int threads = 4;
            int each = 25;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<List<Long>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String actor = "user" + t;
                    futures.add(pool.submit(() -> {
                        go.await();
                        List<Long> seqs = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            seqs.add(log.append(AuditEntry.of("media.uploaded", SUCCESS)
                                            .by(actor, actor)
                                            .on("media", actor + "-" + i))
                                    .seq());
                        }
                        return seqs;
                    }));
                }
                go.countDown();
                Set<Long> seen = new HashSet<>();
                for (Future<List<Long>> f : futures) {
                    seen.addAll(f.get(60, TimeUnit.SECONDS));
                }
                assertEquals(threads * each, seen.size(), "every append got its own number");
            } finally {
                pool.shutdownNow();
            }
            AuditVerifier.Result result = new AuditVerifier(db).verify();
            assertTrue(result.intact(), result.message());
            assertEquals(threads * each, result.entries());
        }
    }

    @Test
    void queriesFilterByTimeUserAndActionAndPage() {
        MutableClock clock = new MutableClock(START);
        try (Database db = Database.open(dir, clock)) {
            AuditLog log = new AuditLog(db);
            log.append(AuditEntry.of("login.success", SUCCESS).by("u1", "ada")); // 10:00
            clock.advance(Duration.ofMinutes(10));
            log.append(AuditEntry.of("login.failure", DENIED).by(null, "ada")); // 10:10
            clock.advance(Duration.ofMinutes(10));
            log.append(AuditEntry.of("media.deleted", SUCCESS).by("u2", "bob").on("media", "m1")); // 10:20
            clock.advance(Duration.ofMinutes(10));
            log.append(AuditEntry.of("login.success", SUCCESS).by("u2", "bob")); // 10:30

            AuditQuery query = new AuditQuery(db);
            assertEquals(List.of(1L, 2L, 3L, 4L), seqs(query.find(AuditFilter.all(), Paging.oldest(10))));
            assertEquals(List.of(4L, 3L), seqs(query.find(AuditFilter.all(), Paging.newest(2))));
            assertEquals(List.of(2L, 1L), seqs(query.find(AuditFilter.all(), new Paging(2, 2, true))));

            // "ada" is matched by name even on the failed login that has no actor id.
            assertEquals(List.of(1L, 2L), seqs(query.find(AuditFilter.all().user("ada"), Paging.oldest(10))));
            assertEquals(List.of(3L, 4L), seqs(query.find(AuditFilter.all().user("u2"), Paging.oldest(10))));
            assertEquals(
                    List.of(1L, 4L), seqs(query.find(AuditFilter.all().action("login.success"), Paging.oldest(10))));
            AuditFilter window = AuditFilter.all().between(START.plusSeconds(600), START.plusSeconds(1800));
            assertEquals(List.of(2L, 3L), seqs(query.find(window, Paging.oldest(10))), "from inclusive, to exclusive");
            assertEquals(List.of(3L), seqs(query.find(window.user("bob"), Paging.oldest(10))));
            assertEquals(1, query.count(window.action("media.deleted")));
            assertEquals(0, query.count(AuditFilter.all().user("nobody")));

            List<Long> walked = new ArrayList<>();
            query.forEach(AuditFilter.all().between(START.plusSeconds(1), null), r -> walked.add(r.seq()));
            assertEquals(List.of(2L, 3L, 4L), walked);

            assertThrows(IllegalArgumentException.class, () -> AuditFilter.all().between(START, START));
        }
    }

    @Test
    void badEntriesAreRefusedBeforeTheyReachTheLog() {
        assertThrows(IllegalArgumentException.class, () -> AuditEntry.of("Login Success", SUCCESS));
        assertThrows(IllegalArgumentException.class, () -> AuditEntry.of("login", SUCCESS));
        assertThrows(NullPointerException.class, () -> AuditEntry.of("login.success", null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AuditEntry(null, null, "login.success", null, null, null, SUCCESS, "[1,2]"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AuditEntry(null, null, "login.success", null, null, null, SUCCESS, "{} x"));
        assertThrows(IllegalArgumentException.class, () -> AuditEntry.of("login.success", SUCCESS)
                .by("x".repeat(513), null));
        AuditEntry canonical = new AuditEntry(null, null, "a.b", null, null, null, SUCCESS, "{ \"b\": 1, \"a\": [2] }");
        assertEquals("{\"a\":[2],\"b\":1}", canonical.detailsJson());
        assertNull(AuditEntry.of("a.b", SUCCESS).detailsJson());
    }

    private static List<Long> seqs(List<AuditRecord> records) {
        return records.stream().map(AuditRecord::seq).toList();
    }
}
