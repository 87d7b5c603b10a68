package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.MutableClock;
import io.framewise.server.library.JooqProjectRepository;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountRepositoryTest {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock();
    private Database db;
    private AccountRepository accounts;

    @BeforeEach
    void open() {
        db = Database.open(data, clock);
        accounts = new JooqAccountRepository(db, new PasswordHasher(64, 1));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createdAccountsLogInWithTheirPasswordOnly() {
        Account alice = accounts.create("Alice", "alice's long password", true);
        assertEquals("alice", alice.name());
        assertEquals("Alice", alice.displayName());
        assertTrue(alice.admin());
        assertTrue(alice.hasPassword());
        assertEquals(
                alice, accounts.authenticate("ALICE", "alice's long password").orElseThrow());
        assertTrue(accounts.authenticate("alice", "alice's long passworD").isEmpty());
        assertTrue(accounts.authenticate("nobody", "alice's long password").isEmpty());
        assertEquals(alice, accounts.get(alice.id()).orElseThrow());
        assertEquals(alice, accounts.findByName("ａｌｉｃｅ").orElseThrow());
    }

    @Test
    void namesAreUniqueWhateverTheirCaseOrWidth() {
        accounts.create("alice", "a long enough password", false);
        for (String twin : List.of("ALICE", "Alice", "ａｌｉｃｅ")) {
            AccountException.NameTaken e = assertThrows(
                    AccountException.NameTaken.class, () -> accounts.create(twin, "a long enough password", false));
            assertTrue(e.getMessage().contains("is taken"), e.getMessage());
        }
        assertEquals(1, accounts.list().size());
    }

    @Test
    void hostileNamesAreRefusedAndTheTableSurvives() {
        String sqlish = "a'; DROP TABLE users;--";
        assertThrows(AccountException.BadName.class, () -> accounts.create(sqlish, "a long enough password", false));
        assertThrows(
                AccountException.BadName.class, () -> accounts.create("x".repeat(65), "a long enough password", false));
        assertThrows(
                AccountException.BadName.class, () -> accounts.create("bob\u0007", "a long enough password", false));
        assertTrue(accounts.findByName(sqlish).isEmpty());
        assertTrue(accounts.authenticate(sqlish, "a long enough password").isEmpty());
        accounts.create("bob", "a long enough password", false);
        assertEquals(1, accounts.list().size(), "the users table is still there");
    }

    @Test
    void weakPasswordsAreRefusedBeforeAnythingIsStored() {
        assertThrows(AccountException.WeakPassword.class, () -> accounts.create("carol", "short", false));
        assertTrue(accounts.findByName("carol").isEmpty());
    }

    @Test
    void passwordsChangeAndAccountsCanBeDisabled() {
        Account dave = accounts.create("dave", "first password!", false);
        clock.advance(Duration.ofMinutes(1));
        accounts.setPassword(dave.id(), "second password!");
        assertTrue(accounts.authenticate("dave", "first password!").isEmpty());
        Account changed = accounts.authenticate("dave", "second password!").orElseThrow();
        assertEquals(dave.created().plus(Duration.ofMinutes(1)), changed.updated());

        accounts.setDisabled(dave.id(), true);
        assertTrue(accounts.get(dave.id()).orElseThrow().disabled());
        assertTrue(accounts.authenticate("dave", "second password!").isEmpty(), "disabled accounts cannot log in");
        accounts.setDisabled(dave.id(), false);
        assertTrue(accounts.authenticate("dave", "second password!").isPresent());

        assertThrows(AccountException.WeakPassword.class, () -> accounts.setPassword(dave.id(), "tiny"));
        assertThrows(
                AccountException.NoSuchAccount.class,
                () -> accounts.setPassword("AAAAAAAAAAAAAAAAAAAAAA", "a long enough password"));
    }

    @Test
    void deletingRemovesTheAccountUnlessItAuthoredContent() {
        Account erin = accounts.create("erin", "a long enough password", false);
        Account frank = accounts.create("frank", "a long enough password", false);
        new SessionStore(db).create(erin.id());
        new TokenStore(db).issue(erin.id(), "laptop", null);
        accounts.delete(erin.id());
        assertTrue(accounts.get(erin.id()).isEmpty());
        assertTrue(new TokenStore(db).listByOwner(erin.id()).isEmpty());

        new JooqProjectRepository(db).create("Frank's film", frank.id());
        AccountException.StillReferenced e =
                assertThrows(AccountException.StillReferenced.class, () -> accounts.delete(frank.id()));
        assertTrue(e.getMessage().contains("disable the account"), e.getMessage());
        assertTrue(accounts.get(frank.id()).isPresent());
        assertThrows(AccountException.NoSuchAccount.class, () -> accounts.delete(erin.id()));
    }

    @Test
    void theLocalUserOfTheNoneModeStillWorksAndHasNoPassword() {
        User local = new JooqUserRepository(db).localUser();
        Account asAccount = accounts.findByName("local").orElseThrow();
        assertEquals(local.id(), asAccount.id());
        assertFalse(asAccount.hasPassword());
        assertFalse(asAccount.admin());
        assertTrue(accounts.authenticate("local", "").isEmpty());
        assertTrue(accounts.authenticate("local", "any password at all").isEmpty());
        // Accounts made here are users the library knows too.
        Account gina = accounts.create("Gina", "a long enough password", false);
        assertEquals(
                "gina", new JooqUserRepository(db).get(gina.id()).orElseThrow().name());
    }
}
