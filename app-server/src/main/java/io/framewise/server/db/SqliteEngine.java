package io.framewise.server.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite in one file: one writing connection, which every write of this process shares behind the
 * write lock ({@code BEGIN IMMEDIATE}, so a transaction that reads and then writes never meets
 * {@code SQLITE_BUSY}), and a few {@code query_only} readers that, thanks to WAL, never wait for it.
 * {@code synchronous=NORMAL} with WAL never corrupts the file on a crash; a power cut can at worst
 * lose the last transactions before a checkpoint, never half of one.
 */
final class SqliteEngine implements Engine {

    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final int READERS = 4;
    private static final long READER_WAIT_SECONDS = 30;

    private final Path file;
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean closed;

    private SqliteEngine(Path file) throws SQLException {
        this.file = file;
        try {
            writer = connect(false);
            for (int i = 0; i < READERS; i++) {
                readers.add(connect(true));
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Makes the folder and an owner-only file (SQLite gives its -wal and -shm files the database file's
     * permissions, so a private file made here, before SQLite makes one by the umask, keeps all three
     * private). Runs before the migrations touch the file.
     */
    static void prepare(Path file) throws IOException {
        PrivateFiles.directories(file.getParent());
        PrivateFiles.file(file);
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(companion)) {
                PrivateFiles.tighten(companion);
            }
        }
    }

    static SqliteEngine open(Path file) throws SQLException {
        return new SqliteEngine(file);
    }

    static DataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    Path file() {
        return file;
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
        // No pool on SQLite: a fixed set of readers in a queue; the idle ones are waiting in it.
        Gauge.builder("framewise.db.readers", () -> READERS)
                .description("Reading connections this node keeps")
                .register(registry);
        Gauge.builder("framewise.db.readers.idle", readers, BlockingQueue::size)
                .description("Reading connections free right now")
                .register(registry);
    }

    @Override
    public SQLDialect dialect() {
        return SQLDialect.SQLITE;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public String beginWrite() {
        return "BEGIN IMMEDIATE";
    }

    @Override
    public String beginRead() {
        return "BEGIN";
    }

    @Override
    public Connection takeWriter() {
        return writer;
    }

    @Override
    public void giveBackWriter(Connection c) {
        // The one writer stays open for the next transaction.
    }

    @Override
    public Connection takeReader() {
        try {
            Connection reader = readers.poll(READER_WAIT_SECONDS, TimeUnit.SECONDS);
            if (reader == null) {
                throw new DatabaseException(
                        "No database reader free after " + READER_WAIT_SECONDS + " s (" + file + ")", null);
            }
            return reader;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while waiting for a database reader", e);
        }
    }

    @Override
    public void giveBackReader(Connection reader) {
        if (closed) {
            closeQuietly(reader);
        } else {
            readers.add(reader);
        }
    }

    private Connection connect(boolean queryOnly) throws SQLException {
        Connection c = dataSource(file).getConnection();
        synchronized (connections) {
            connections.add(c);
        }
        if (queryOnly) {
            // Readers must never write: a write outside the writer lock would race it for SQLite's lock.
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = ON");
            }
        }
        return c;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (connections) {
            connections.forEach(SqliteEngine::closeQuietly);
            connections.clear();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing is best effort; SQLite has committed everything that returned.
        }
    }
}
