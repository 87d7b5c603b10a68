package io.framewise.server.db;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's SQLite database, {@code <data>/framewise.db}, brought up to the newest schema by
 * Flyway when opened. The folder and the database files are owner-only ({@link PrivateFiles}).
 *
 * <p>Single-writer discipline: every write runs in {@link #write} on one connection behind a fair
 * lock, inside {@code BEGIN IMMEDIATE}, so our own writers queue in Java instead of racing for
 * SQLite's lock (a deferred transaction that reads and then writes can get {@code SQLITE_BUSY}
 * at once, which no busy timeout helps). Reads run in {@link #read} on a small pool of
 * {@code query_only} connections that see a consistent snapshot and, thanks to WAL, never wait
 * for the writer. The busy timeout only matters for other processes touching the file.
 *
 * <p>{@code synchronous=NORMAL} with WAL never corrupts the file on a crash; a power cut can at
 * worst lose the last transactions before a checkpoint, never half of one.
 *
 * <p>A {@link #group} makes the writes of a piece of work (a request handler) durable together with
 * a last write that depends on its outcome (the stored answer of an idempotent request): nothing of
 * it survives a crash unless all of it does. Work that must only happen once a change is committed
 * (telling other clients about it) registers with {@link #afterCommit}.
 */
public final class Database implements Closeable, UnitOfWork {

    /** The database file's name inside the data folder. */
    public static final String FILE_NAME = "framewise.db";

    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final int READERS = 4;
    private static final long READER_WAIT_SECONDS = 30;

    /** Work on the database; runs inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DSLContext db);
    }

    static {
        // The server's log is for operators: no jOOQ banner or tips (set before jOOQ's classes load).
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private final Path file;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Connection writerConnection;
    private final DSLContext writer;
    private final BlockingQueue<Reader> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean closed;

    private record Reader(Connection connection, DSLContext db) {}

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** What runs after the current thread's transaction commits. */
    private final ThreadLocal<List<Runnable>> afterCommit = ThreadLocal.withInitial(ArrayList::new);

    /** The group the current thread runs in, if any. */
    private final ThreadLocal<Group> groups = new ThreadLocal<>();

    /** A group's transaction: begun at its first write, committed when the group ends. */
    private static final class Group {
        boolean begun;
        int savepoints;
        /** SQLite ended the transaction itself (disk full, I/O error): nothing more may run in it. */
        boolean broken;
    }

    /** The last write of a {@link #group}, told how the group's work ended. */
    @FunctionalInterface
    public interface Seal<T> {
        /**
         * Runs inside the group: its writes join the group's transaction, and when it throws the whole
         * group is rolled back.
         *
         * @param result what the work returned (null when it threw)
         * @param failure what the work threw, or null
         */
        void seal(T result, Throwable failure) throws Exception;
    }

    private Database(Path file, Clock clock) throws SQLException {
        this.file = file;
        this.clock = clock;
        try {
            writerConnection = connect(false);
            writer = dsl(writerConnection);
            for (int i = 0; i < READERS; i++) {
                Connection c = connect(true);
                readers.add(new Reader(c, dsl(c)));
            }
        } catch (SQLException | RuntimeException e) {
            closeConnections();
            throw e;
        }
    }

    /** Opens (creating if needed) {@code <dataDir>/framewise.db} and migrates it, with the system clock. */
    public static Database open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /**
     * Opens (creating if needed) {@code <dataDir>/framewise.db} and migrates it.
     *
     * @param clock the time every repository stamps rows with (tests move it forward)
     * @throws DatabaseException naming the file when it cannot be opened, is not a SQLite
     *     database, or its schema is newer than this build
     */
    public static Database open(Path dataDir, Clock clock) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            PrivateFiles.directories(dataDir);
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the data folder " + dataDir.toAbsolutePath() + ": " + e, e);
        }
        try {
            // SQLite gives its -wal and -shm files the database file's permissions, so an owner-only
            // database file made here, before SQLite makes one by the umask, keeps all three private.
            PrivateFiles.file(file);
            for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
                Path companion = file.resolveSibling(FILE_NAME + suffix);
                if (Files.exists(companion)) {
                    PrivateFiles.tighten(companion);
                }
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the database " + file + ": " + e, e);
        }
        try {
            migrate(file);
            return new Database(file, clock);
        } catch (SQLException | FlywayException | org.jooq.exception.DataAccessException e) {
            throw new DatabaseException(
                    "Cannot open the database " + file + ": " + reason(e)
                            + " (if the file is damaged, move it away and restore a backup)",
                    e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The clock rows are stamped with. */
    public Clock clock() {
        return clock;
    }

    /** Now on {@link #clock()}, in epoch milliseconds as stored in the tables. */
    public long nowMillis() {
        return clock.millis();
    }

    /**
     * Runs {@code work} in a write transaction: committed when it returns, rolled back when it
     * throws. Writes nested in a write on the same thread join the outer transaction. Inside a
     * {@link #group} the write is atomic on its own (a savepoint) and becomes durable with the group.
     */
    public <T> T write(Work<T> work) {
        ensureOpen();
        Group group = groups.get();
        if (group != null) {
            return writeInGroup(group, work);
        }
        writeLock.lock();
        boolean outermost = writeLock.getHoldCount() == 1;
        boolean committed = false;
        try {
            ensureOpen();
            if (!outermost) {
                return work.run(writer);
            }
            exec(writerConnection, "BEGIN IMMEDIATE");
            try {
                T result = work.run(writer);
                exec(writerConnection, "COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
            }
        } finally {
            writeLock.unlock();
            if (outermost) {
                finishAfterCommit(committed);
            }
        }
    }

    private <T> T writeInGroup(Group group, Work<T> work) {
        if (!group.begun) {
            writeLock.lock();
            try {
                ensureOpen();
                exec(writerConnection, "BEGIN IMMEDIATE");
            } catch (RuntimeException e) {
                writeLock.unlock();
                throw e;
            }
            group.begun = true;
        }
        if (group.broken) {
            throw new DatabaseException("the transaction of this request was rolled back after an error", null);
        }
        writeLock.lock();
        try {
            if (writeLock.getHoldCount() > 2) {
                // Nested in a write of the group: it joins that write.
                return work.run(writer);
            }
            String savepoint = "w" + (++group.savepoints);
            int hooks = afterCommit.get().size();
            exec(writerConnection, "SAVEPOINT " + savepoint);
            boolean done = false;
            try {
                T result = work.run(writer);
                exec(writerConnection, "RELEASE " + savepoint);
                done = true;
                return result;
            } finally {
                if (!done) {
                    try {
                        exec(writerConnection, "ROLLBACK TO " + savepoint);
                        exec(writerConnection, "RELEASE " + savepoint);
                    } catch (RuntimeException gone) {
                        // SQLite rolled the whole transaction back already.
                        group.broken = true;
                    }
                    List<Runnable> pending = afterCommit.get();
                    pending.subList(hooks, pending.size()).clear();
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} on this thread with all its writes in one transaction, then {@code seal} (whose
     * writes join it), then commits. The transaction begins at the first write, so work that reads or
     * streams a request body first holds no lock meanwhile; from then on other writers wait until the
     * group ends, so the work must not wait for another thread that writes.
     *
     * <p>Each write of the work stays atomic on its own, and the writes made before the work threw are
     * committed as they would be without a group; only a {@code seal} that throws rolls back
     * everything. Groups do not nest, and cannot start inside a write.
     *
     * @return what the work returned
     * @throws Exception what the work threw, or else what the seal or the commit threw
     */
    public <T> T group(Callable<T> work, Seal<T> seal) throws Exception {
        ensureOpen();
        if (groups.get() != null || writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a group cannot start inside a group or a write");
        }
        Group group = new Group();
        groups.set(group);
        T result = null;
        Exception failure = null;
        boolean committed = false;
        try {
            try {
                result = work.call();
            } catch (Exception e) {
                failure = e;
            }
            try {
                seal.seal(result, failure);
                if (group.broken) {
                    throw new DatabaseException("the transaction of this request was rolled back after an error", null);
                }
                if (group.begun) {
                    exec(writerConnection, "COMMIT");
                }
            } catch (Exception e) {
                if (failure != null && failure != e) {
                    e.addSuppressed(failure);
                }
                throw e;
            }
            committed = true;
        } finally {
            groups.remove();
            if (group.begun) {
                if (!committed) {
                    rollbackQuietly();
                }
                writeLock.unlock();
            }
            finishAfterCommit(committed);
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /**
     * Runs {@code action} once the current thread's transaction (a write or a {@link #group}) has
     * committed, or at once outside one; dropped when the transaction rolls back. Events about a change
     * go out this way, so nobody hears of a change that a reader cannot see yet or that never happened.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return write(ctx -> work.get());
    }

    @Override
    public void afterCommit(Runnable action) {
        if (writeLock.isHeldByCurrentThread() || groups.get() != null) {
            afterCommit.get().add(action);
        } else {
            action.run();
        }
    }

    private void finishAfterCommit(boolean committed) {
        List<Runnable> pending = afterCommit.get();
        if (pending.isEmpty()) {
            return;
        }
        List<Runnable> run = List.copyOf(pending);
        pending.clear();
        if (!committed) {
            return;
        }
        for (Runnable action : run) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("An action after a commit failed", e);
            }
        }
    }

    /**
     * Runs {@code work} on a consistent snapshot. Inside a {@link #write} on the same thread it
     * runs on the writer's connection, so it sees the transaction's own changes.
     */
    public <T> T read(Work<T> work) {
        ensureOpen();
        if (writeLock.isHeldByCurrentThread()) {
            return work.run(writer);
        }
        Reader reader = takeReader();
        try {
            exec(reader.connection(), "BEGIN");
            try {
                return work.run(reader.db());
            } finally {
                exec(reader.connection(), "COMMIT");
            }
        } finally {
            giveBack(reader);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeConnections();
        } finally {
            writeLock.unlock();
        }
    }

    private static void migrate(Path file) throws SQLException {
        Flyway.configure()
                .dataSource(dataSource(file))
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    private Connection connect(boolean queryOnly) throws SQLException {
        Connection c = dataSource(file).getConnection();
        synchronized (connections) {
            connections.add(c);
        }
        if (queryOnly) {
            // Readers must never write: a write outside the writer lock would race it for SQLite's lock.
            exec(c, "PRAGMA query_only = ON");
        }
        return c;
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static DSLContext dsl(Connection c) {
        Settings settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
        return DSL.using(c, SQLDialect.SQLITE, settings);
    }

    private Reader takeReader() {
        try {
            Reader reader = readers.poll(READER_WAIT_SECONDS, TimeUnit.SECONDS);
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

    private void giveBack(Reader reader) {
        if (closed) {
            closeQuietly(reader.connection());
        } else {
            readers.add(reader);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The database " + file + " is closed");
        }
    }

    private static void exec(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException(sql + ": " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        try (Statement s = writerConnection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite already rolled back (e.g. after SQLITE_FULL); nothing is left open.
        }
    }

    private void closeConnections() {
        synchronized (connections) {
            connections.forEach(Database::closeQuietly);
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

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (message.contains("NOTADB") || message.contains("not a database")) {
            return "it is not a SQLite database or it is damaged (" + message + ")";
        }
        return message;
    }
}
