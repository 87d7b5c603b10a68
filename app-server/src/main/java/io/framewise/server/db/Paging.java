package io.framewise.server.db;

/**
 * One page of a listing ordered by creation time.
 *
 * @param offset rows to skip, from 0
 * @param limit rows to return, 1 to {@link #MAX_LIMIT}
 * @param newestFirst whether the newest rows come first
 */
public record Paging(int offset, int limit, boolean newestFirst) {

    public static final int MAX_LIMIT = 1000;

    public Paging {
        Require.range("offset", offset, 0, Integer.MAX_VALUE);
        Require.range("limit", limit, 1, MAX_LIMIT);
    }

    /** The first {@code limit} rows, newest first. */
    public static Paging newest(int limit) {
        return new Paging(0, limit, true);
    }

    /** The first {@code limit} rows, oldest first. */
    public static Paging oldest(int limit) {
        return new Paging(0, limit, false);
    }
}
