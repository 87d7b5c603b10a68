package io.framewise.server.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.auth.TokenStore;
import io.framewise.server.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host app's own token over weeks: renewed at half its life, the old secret revoked. */
class HostTokenTest {

    @Test
    void aLongRunningHostRenewsItsTokenBeforeItExpires(@TempDir Path data) {
        try (Database db = Database.open(data)) {
            TokenStore tokens = new TokenStore(db);
            String admin = new JooqAccountRepository(db, new PasswordHasher(64, 1))
                    .create("host", "a long enough password", true)
                    .id();
            Instant start = Instant.now();
            HostToken token = HostToken.issue(tokens, data, admin, start);
            String first = token.token();
            assertEquals(start.plus(HostToken.LIFETIME), token.expires());
            List<String> used = new ArrayList<>();
            assertFalse(token.renewIfDue(start.plus(Duration.ofDays(10)), used::add), "young tokens stay");
            assertTrue(token.renewIfDue(start.plus(Duration.ofDays(16)), used::add));
            assertEquals(List.of(token.token()), used, "the client got the new secret");
            assertNotEquals(first, token.token());
            assertTrue(tokens.authenticate(first).isEmpty(), "the old one is revoked");
            assertTrue(tokens.authenticate(token.token()).isPresent());
        }
    }
}
