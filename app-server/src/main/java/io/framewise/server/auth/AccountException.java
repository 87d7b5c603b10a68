package io.framewise.server.auth;

import io.framewise.server.http.Refusal;
import java.util.Map;

/**
 * Why an account operation was refused, in words a person can act on. Subclasses of
 * {@link IllegalArgumentException} like the rest of the data layer, so the CLI exits 2 and the HTTP
 * layer can answer 4xx with the message as it is; the subtype says which status fits: a bad name or
 * weak password 422, a taken name or a referenced account 409, a missing account 404.
 */
public class AccountException extends IllegalArgumentException implements Refusal {

    AccountException(String message) {
        super(message);
    }

    @Override
    public int status() {
        if (this instanceof NameTaken || this instanceof StillReferenced) {
            return 409;
        }
        return this instanceof NoSuchAccount ? 404 : 422;
    }

    @Override
    public String code() {
        return switch (status()) {
            case 409 -> "conflict";
            case 404 -> "not_found";
            default -> "invalid";
        };
    }

    @Override
    public Map<String, Object> details() {
        if (status() != 422) {
            return Map.of();
        }
        return Map.of("field", this instanceof WeakPassword ? "password" : "name");
    }

    /** The login name breaks the naming rules ({@link UserNames}). */
    public static final class BadName extends AccountException {
        BadName(String message) {
            super(message);
        }
    }

    /** Another account already has this name (names compare case-insensitively, after NFKC). */
    public static final class NameTaken extends AccountException {
        NameTaken(String name) {
            super("the user name '" + name + "' is taken");
        }
    }

    /** The password breaks the {@link PasswordPolicy}. */
    public static final class WeakPassword extends AccountException {
        WeakPassword(String message) {
            super(message);
        }
    }

    /** No account with this id. */
    public static final class NoSuchAccount extends AccountException {
        NoSuchAccount(String id) {
            super("no user with id " + id);
        }
    }

    /** The account still authored library content, which must keep its author. */
    public static final class StillReferenced extends AccountException {
        StillReferenced(String name) {
            super("the user '" + name + "' still owns projects, versions, notes or approvals; disable the"
                    + " account instead of deleting it");
        }
    }
}
