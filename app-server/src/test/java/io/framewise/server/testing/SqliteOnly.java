package io.framewise.server.testing;

/**
 * The JUnit tag of tests that check SQLite itself (its file's bytes, permissions, WAL, integrity
 * check, old files to migrate): the PostgreSQL run of the suite leaves them out.
 */
public final class SqliteOnly {

    public static final String TAG = "sqlite-only";

    private SqliteOnly() {}
}
