package io.framewise.server.testing;

/**
 * The JUnit tag of tests that start their own PostgreSQL database and S3 store (several nodes, the
 * S3 store itself, ranged reads, the job wake-up): they run the same whatever the suite's run
 * chooses for data folders, so the PostgreSQL and S3 run leaves them out instead of repeating them.
 */
public final class OwnBackends {

    public static final String TAG = "own-backends";

    private OwnBackends() {}
}
