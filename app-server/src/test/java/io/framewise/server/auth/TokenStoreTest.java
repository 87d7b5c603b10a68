package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.MutableClock;
import io.framewise.server.testing.SqliteOnly;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock();
    private Database db;
    private TokenStore tokens;
    private String alice;
    private String bob;

    @BeforeEach
    void open() {
        db = Database.open(data, clock);
        tokens = new TokenStore(db);
        AccountRepository accounts = new JooqAccountRepository(db, new PasswordHasher(64, 1));
        alice = accounts.create("alice", "a long enough password", false).id();
        bob = accounts.create("bob", "a long enough password", false).id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anIssuedTokenAuthenticatesItsOwner() {
        IssuedToken issued = tokens.issue(alice, "  desktop app ", null);
        assertTrue(issued.token().startsWith("fw_"));
        assertEquals(3 + 43, issued.token().length(), "256 bits in URL-safe base64");
        assertFalse(issued.toString().contains(issued.token()));
        assertEquals("desktop app", issued.info().name());
        ApiToken used = tokens.authenticate(issued.token()).orElseThrow();
        assertEquals(alice, used.userId());
        assertEquals(clock.instant(), used.lastUsed());
        assertTrue(tokens.authenticate(issued.token() + "x").isEmpty());
        assertTrue(tokens.authenticate(issued.token().substring(0, 20)).isEmpty());
        assertTrue(tokens.authenticate("").isEmpty());
        assertTrue(tokens.authenticate(null).isEmpty());
        assertTrue(tokens.authenticate("fw_" + "A".repeat(5000)).isEmpty());
    }

    @Tag(SqliteOnly.TAG)
    @Test
    void theTokenIsStoredOnlyAsItsHash() throws Exception {
        IssuedToken issued = tokens.issue(alice, "script", null);
        String hash = Secrets.hash(issued.token());
        db.close();
        byte[] secret = issued.token().getBytes(StandardCharsets.US_ASCII);
        byte[] hashBytes = hash.getBytes(StandardCharsets.US_ASCII);
        boolean hashSeen = false;
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                byte[] content = Files.readAllBytes(f);
                assertFalse(contains(content, secret), "token text in " + f);
                hashSeen |= contains(content, hashBytes);
            }
        }
        assertTrue(hashSeen, "the hash is what the database holds");
        db = Database.open(data, clock);
        tokens = new TokenStore(db);
        assertEquals(alice, tokens.authenticate(issued.token()).orElseThrow().userId());
        List<ApiToken> listed = tokens.listByOwner(alice);
        assertEquals(1, listed.size());
        assertFalse(listed.get(0).toString().contains(issued.token()));
    }

    @Test
    void revokedTokensAreRefusedAndOnlyTheOwnerRevokes() {
        IssuedToken issued = tokens.issue(alice, "ci", null);
        assertFalse(tokens.revoke(bob, issued.info().id()), "bob cannot revoke alice's token");
        assertTrue(tokens.authenticate(issued.token()).isPresent());
        assertTrue(tokens.revoke(alice, issued.info().id()));
        assertTrue(tokens.authenticate(issued.token()).isEmpty());
        assertTrue(tokens.listByOwner(alice).get(0).revoked());
        assertFalse(tokens.revoke(alice, "../../etc/passwd"));
    }

    @Test
    void tokensExpire() {
        IssuedToken issued = tokens.issue(alice, "a week", clock.instant().plus(Duration.ofDays(7)));
        IssuedToken forever = tokens.issue(alice, "forever", null);
        clock.advance(Duration.ofDays(7).minusMillis(1));
        assertTrue(tokens.authenticate(issued.token()).isPresent());
        clock.advance(Duration.ofMillis(1));
        assertTrue(tokens.authenticate(issued.token()).isEmpty());
        assertTrue(tokens.authenticate(forever.token()).isPresent());
        assertNull(forever.info().expires());
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(alice, "past", clock.instant()));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(alice, " ", null));
    }

    @Test
    void ownersSeeOnlyTheirOwnTokensAndCanRevokeAll() {
        tokens.issue(alice, "one", null);
        clock.advance(Duration.ofSeconds(1));
        IssuedToken two = tokens.issue(alice, "two", null);
        IssuedToken bobs = tokens.issue(bob, "bob's", null);
        assertEquals(
                List.of("two", "one"),
                tokens.listByOwner(alice).stream().map(ApiToken::name).toList());
        assertEquals(
                List.of("bob's"),
                tokens.listByOwner(bob).stream().map(ApiToken::name).toList());
        assertEquals(2, tokens.revokeAll(alice));
        assertTrue(tokens.authenticate(two.token()).isEmpty());
        assertTrue(tokens.authenticate(bobs.token()).isPresent());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
