package io.framewise.server.users;

import java.util.Optional;

/** The people known to the server. */
public interface UserRepository {

    /** The login name of the single user of the {@code none} auth mode. */
    String LOCAL_USER_NAME = "local";

    /** Adds a user with a fresh id; fails if the name is taken. */
    User create(String name, String displayName);

    Optional<User> get(String id);

    Optional<User> findByName(String name);

    /** The {@code none} auth mode's single user, created on first use. */
    User localUser();
}
