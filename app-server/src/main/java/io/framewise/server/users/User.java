package io.framewise.server.users;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A person who writes notes and decides approvals.
 *
 * @param name the canonical login name: 1 to 64 lowercase letters (any script, see
 *     {@code auth.UserNames}), digits, '.', '_' or '-'
 * @param displayName what other people see, 1 to 120 characters
 */
public record User(String id, String name, String displayName, Instant created) {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}._-]{1,64}");

    public User {
        Ids.require("id", id);
        if (name == null || !NAME.matcher(name).matches() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "name must be 1 to 64 lowercase letters, digits, '.', '_' or '-', got " + name);
        }
        Require.text("displayName", displayName, 120);
        Require.present("created", created);
    }
}
