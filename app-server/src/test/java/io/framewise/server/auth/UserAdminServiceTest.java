package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Caller;
import io.framewise.server.access.JooqAccessFacts;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.audit.AuditFilter;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.audit.AuditQuery;
import io.framewise.server.db.Database;
import io.framewise.server.db.Paging;
import io.framewise.server.http.ApiException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Account administration without HTTP: the service on a real SQLite file, real stores and authorizer. */
class UserAdminServiceTest {

    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path data;

    final List<String> closedUsers = new CopyOnWriteArrayList<>();
    Database db;
    AccountRepository accounts;
    SessionStore sessions;
    UserAdminService service;
    Account admin;
    Caller asAdmin;

    @BeforeEach
    void open() {
        db = Database.open(data);
        accounts = new JooqAccountRepository(db, new PasswordHasher(64, 1));
        sessions = new SessionStore(db);
        SignOuts signOuts = new SignOuts(sessions, new TokenStore(db), c -> {}, closedUsers::add, db);
        service = new UserAdminService(
                accounts, signOuts, db, new Permissions(new Authorizer(new JooqAccessFacts(db)), new AuditLog(db)));
        admin = accounts.create("ada", PASSWORD, true);
        asAdmin = as(admin);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aNewAccountWithItsDisplayNameIsAuditedOnce() {
        Account made = service.create(asAdmin, new UserAdminService.NewUser("bob", "Bob B.", PASSWORD, false));
        assertEquals("Bob B.", made.displayName());
        assertEquals(1, audits("user.created"));
    }

    @Test
    void aRefusedNewAccountLeavesNoAccountBehind() {
        assertThrows(
                AccountException.WeakPassword.class,
                () -> service.create(asAdmin, new UserAdminService.NewUser("bob", null, "short", false)));
        // The display name is checked after the account is written: the account goes back with it.
        assertThrows(
                AccountException.BadName.class,
                () -> service.create(asAdmin, new UserAdminService.NewUser("bob", "Bob\u0007", PASSWORD, false)));
        assertTrue(accounts.findByName("bob").isEmpty());
        assertEquals(0, audits("user.created"));
    }

    @Test
    void aResetEndsSessionsAndClosesConnectionsOnlyWhenItCommits() {
        Account bob = accounts.create("bob", PASSWORD, false);
        String session = sessions.create(bob.id()).token();

        assertThrows(
                AccountException.BadName.class,
                () -> service.change(
                        asAdmin,
                        bob.id(),
                        new UserAdminService.UserChange("\u0007", null, null, "a whole new secret")));
        assertTrue(sessions.find(session).isPresent());
        assertTrue(accounts.authenticate("bob", PASSWORD).isPresent());
        assertTrue(closedUsers.isEmpty());
        assertEquals(0, audits("password.reset"));

        service.change(asAdmin, bob.id(), new UserAdminService.UserChange(null, null, null, "a whole new secret"));
        assertTrue(sessions.find(session).isEmpty());
        assertFalse(accounts.authenticate("bob", PASSWORD).isPresent());
        assertEquals(List.of(bob.id()), closedUsers);
        assertEquals(1, audits("password.reset"));
    }

    @Test
    void anAdministratorCannotDemoteDisableOrDeleteThemselves() {
        assertThrows(
                ApiException.Conflict.class,
                () -> service.change(asAdmin, admin.id(), new UserAdminService.UserChange(null, false, null, null)));
        assertThrows(ApiException.Conflict.class, () -> service.delete(asAdmin, admin.id()));
        assertTrue(accounts.get(admin.id()).orElseThrow().admin());
    }

    @Test
    void onlyAdministratorsAdministerAndADeletionIsAudited() {
        Account bob = accounts.create("bob", PASSWORD, false);
        assertThrows(ApiException.Forbidden.class, () -> service.list(as(bob)));
        assertThrows(ApiException.Forbidden.class, () -> service.delete(as(bob), admin.id()));
        assertEquals(2, audits("access.denied"));

        service.delete(asAdmin, bob.id());
        assertTrue(accounts.get(bob.id()).isEmpty());
        assertEquals(List.of(bob.id()), closedUsers);
        assertEquals(1, audits("user.deleted"));
        assertThrows(ApiException.NotFound.class, () -> service.delete(asAdmin, bob.id()));
    }

    private static Caller as(Account account) {
        return new Caller(
                new Principal.Person(
                        account.id(),
                        account.name(),
                        account.displayName(),
                        account.admin(),
                        Principal.Credential.local()),
                "192.0.2.7");
    }

    private long audits(String action) {
        return new AuditQuery(db)
                .find(AuditFilter.all(), Paging.oldest(100)).stream()
                        .filter(r -> r.action().equals(action))
                        .count();
    }
}
