package io.framewise.server.auth;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.http.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Administration of accounts. Disabling an account or resetting its password ends all its sessions
 * and API tokens at once, connections included: a reset is what an administrator does when an
 * account may be in the wrong hands, so nothing the old password made may keep working. An
 * administrator cannot demote, disable or delete themselves.
 *
 * <p>Each operation is one unit of work with its audit entries; a change that breaks a rule
 * (a weak password, a bad display name) changes nothing, also of its other fields. Passwords are
 * hashed before the unit of work begins, so no writer waits for the hash.
 */
public final class UserAdminService {

    /** A new account as an administrator asks for it. */
    public record NewUser(String name, String displayName, String password, Boolean isAdmin) {}

    /** A change to an account; fields left null stay as they are. */
    public record UserChange(String displayName, Boolean isAdmin, Boolean disabled, String password) {}

    private final AccountRepository accounts;
    private final SignOuts signOuts;
    private final UnitOfWork work;
    private final Permissions permissions;

    public UserAdminService(AccountRepository accounts, SignOuts signOuts, UnitOfWork work, Permissions permissions) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.signOuts = Objects.requireNonNull(signOuts, "signOuts");
        this.work = Objects.requireNonNull(work, "work");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    /** Every account, by name. */
    public List<Account> list(Caller caller) {
        permissions.require(caller, Action.USERS_ADMIN, Resource.SERVER);
        return accounts.list();
    }

    public Account create(Caller caller, NewUser user) {
        permissions.require(caller, Action.USERS_ADMIN, Resource.SERVER);
        UserNames.canonical(user.name());
        PasswordHash password = accounts.hash(user.password());
        return work.inTransaction(() -> {
            Account account = accounts.create(user.name(), password, Boolean.TRUE.equals(user.isAdmin()));
            if (user.displayName() != null && !user.displayName().isBlank()) {
                accounts.setDisplayName(account.id(), user.displayName());
                account = require(account.id());
            }
            permissions.audit(
                    caller,
                    "user.created",
                    new Resource.User(account.id()),
                    AuditOutcome.SUCCESS,
                    Map.of("name", account.name(), "isAdmin", account.admin()));
            return account;
        });
    }

    public Account change(Caller caller, String id, UserChange change) {
        Resource target = new Resource.User(id);
        permissions.require(caller, Action.USERS_ADMIN, target);
        Account account = require(id);
        Principal.Person me = caller.person();
        boolean self = me.userId().equals(account.id());
        if (self && (Boolean.FALSE.equals(change.isAdmin()) || Boolean.TRUE.equals(change.disabled()))) {
            throw new ApiException.Conflict(
                    "You cannot remove your own administrator rights or disable yourself; ask another administrator.",
                    Map.of("id", account.id()));
        }
        PasswordHash password = change.password() == null ? null : accounts.hash(change.password());
        return work.inTransaction(() -> {
            if (change.displayName() != null) {
                accounts.setDisplayName(account.id(), change.displayName());
                permissions.audit(
                        caller,
                        "user.renamed",
                        target,
                        AuditOutcome.SUCCESS,
                        Map.of("displayName", change.displayName()));
            }
            if (change.isAdmin() != null && change.isAdmin() != account.admin()) {
                accounts.setAdmin(account.id(), change.isAdmin());
                permissions.audit(
                        caller, "user.role_changed", target, AuditOutcome.SUCCESS, Map.of("isAdmin", change.isAdmin()));
            }
            if (password != null) {
                accounts.setPassword(account.id(), password);
                SignOuts.Ended ended = signOuts.everywhere(account.id());
                permissions.audit(
                        caller,
                        "password.reset",
                        target,
                        AuditOutcome.SUCCESS,
                        Map.of("sessionsEnded", ended.sessions(), "tokensRevoked", ended.tokens()));
            }
            if (change.disabled() != null && change.disabled() != account.disabled()) {
                accounts.setDisabled(account.id(), change.disabled());
                if (change.disabled()) {
                    signOuts.everywhere(account.id());
                }
                permissions.audit(
                        caller,
                        change.disabled() ? "user.disabled" : "user.enabled",
                        target,
                        AuditOutcome.SUCCESS,
                        Map.of());
            }
            return require(account.id());
        });
    }

    public void delete(Caller caller, String id) {
        Resource target = new Resource.User(id);
        permissions.require(caller, Action.USERS_ADMIN, target);
        Account account = require(id);
        if (caller.person().userId().equals(account.id())) {
            throw new ApiException.Conflict("You cannot delete your own account.", Map.of("id", account.id()));
        }
        work.inTransaction(() -> {
            accounts.delete(account.id());
            signOuts.connections(account.id());
            permissions.audit(caller, "user.deleted", target, AuditOutcome.SUCCESS, Map.of("name", account.name()));
        });
    }

    private Account require(String id) {
        return accounts.get(id).orElseThrow(() -> new ApiException.NotFound("no such user: " + id));
    }
}
