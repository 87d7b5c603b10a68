package io.framewise.server.testing;

/**
 * The JUnit tag of tests that check the data folder being the media store (what the default
 * setting is, what lies on its disk): the suite's S3 run leaves them out (ADR 0065).
 */
public final class DataFolderStore {

    public static final String TAG = "data-folder-store";

    private DataFolderStore() {}
}
