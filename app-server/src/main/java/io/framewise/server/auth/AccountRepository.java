package io.framewise.server.auth;

import java.util.List;
import java.util.Optional;

/**
 * Accounts with passwords. Names are given as typed and compared in their canonical form
 * ({@link UserNames}); passwords are checked against the {@link PasswordPolicy} and stored only as
 * Argon2id hashes.
 */
public interface AccountRepository {

    /**
     * Creates an account.
     *
     * @throws AccountException.BadName, AccountException.NameTaken or AccountException.WeakPassword
     */
    default Account create(String name, String password, boolean admin) {
        UserNames.canonical(name);
        return create(name, hash(password), admin);
    }

    /** As {@link #create(String, String, boolean)} with a password hashed beforehand. */
    Account create(String name, PasswordHash password, boolean admin);

    /**
     * Checks {@code password} against the policy and hashes it, outside any transaction.
     *
     * @throws AccountException.WeakPassword when the policy refuses it
     */
    PasswordHash hash(String password);

    Optional<Account> get(String id);

    /** The account whose canonical name equals {@code name}'s; empty for names that break the rules. */
    Optional<Account> findByName(String name);

    /**
     * The account when {@code password} is right and the account is enabled; empty otherwise,
     * in about the same time whether or not the account exists.
     */
    Optional<Account> authenticate(String name, String password);

    /** Replaces the password (the caller revokes sessions if it wants to). */
    default void setPassword(String id, String password) {
        setPassword(id, hash(password));
    }

    /** As {@link #setPassword(String, String)} with a password hashed beforehand. */
    void setPassword(String id, PasswordHash password);

    void setDisabled(String id, boolean disabled);

    void setAdmin(String id, boolean admin);

    /** Changes the name shown to people (1 to 120 characters, no control characters). */
    void setDisplayName(String id, String displayName);

    /**
     * The account a reverse proxy vouches for, created on first sight without a password (it can
     * never sign in with one); its display name follows what the proxy says.
     *
     * @param admin the proxy's word on admin rights, which the account then follows; null when the
     *     proxy is not asked (a new account is not admin, an existing one keeps its flag)
     * @throws AccountException.BadName when the proxy's user id is not a valid user name
     */
    Account ensureExternal(String name, String displayName, Boolean admin);

    /**
     * Deletes the account with its sessions and tokens.
     *
     * @throws AccountException.StillReferenced when it authored library content
     */
    void delete(String id);

    /** Every account, by canonical name. */
    List<Account> list();
}
