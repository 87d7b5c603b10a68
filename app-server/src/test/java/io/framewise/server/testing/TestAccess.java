package io.framewise.server.testing;

import io.framewise.server.access.Access;
import io.framewise.server.access.AccessFilter;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.JooqAccessFacts;
import io.framewise.server.access.RouteTable;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.auth.Authenticator;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.auth.SessionStore;
import io.framewise.server.auth.TokenStore;
import io.framewise.server.db.Database;
import io.framewise.server.users.JooqUserRepository;

/** The access layer for tests that assemble a slice of the server by hand (auth mode none). */
public final class TestAccess {

    private TestAccess() {}

    /** Access in auth mode none: every request is the local administrator. */
    public static Access none(Database db) {
        return new Access(
                new Authenticator(
                        AuthSettings.none(),
                        new JooqAccountRepository(db, new PasswordHasher(64, 1)),
                        new JooqUserRepository(db),
                        new SessionStore(db),
                        new TokenStore(db)),
                new Authorizer(new JooqAccessFacts(db)),
                new AuditLog(db));
    }

    /** The filter that puts the product's routes behind {@code access}. */
    public static AccessFilter filter(Access access) {
        return new AccessFilter(access, RouteTable.product());
    }
}
