package io.framewise.server.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database, brought up to the newest schema by Flyway when opened: SQLite in the data
 * folder, {@code <data>/framewise.db}, owner-only ({@link PrivateFiles}), or a PostgreSQL server that
 * several nodes share ({@link DatabaseLocation}, ADR 0058). The same migrations and the same jOOQ
 * code run on both; {@link Engine} holds what differs.
 *
 * <p>Single-writer discipline: every write of this process runs in {@link #write} on one connection
 * behind a fair lock, so our own writers queue in Java instead of racing for the database's locks
 * (on SQLite a deferred transaction that reads and then writes can get {@code SQLITE_BUSY} at once,
 * which no busy timeout helps). Reads run in {@link #read} on other connections that see a
 * consistent snapshot and never wait for the writer.
 *
 * <p>A {@link #group} makes the writes of a piece of work (a request handler) durable together with
 * a last write that depends on its outcome (the stored answer of an idempotent request): nothing of
 * it survives a crash unless all of it does. Work that must only happen once a change is committed
 * (telling other clients about it) registers with {@link #afterCommit}.
 */
public final class Database implements Closeable, UnitOfWork {

    /** The database file's name inside the data folder. */
    public static final String FILE_NAME = "framewise.db";

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

    private final DatabaseLocation location;
    private final Engine engine;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** The writing connection while the write lock's holder runs a transaction; null between them. */
    private Connection writerConnection;

    private DSLContext writer;
    private volatile boolean closed;

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** How long the readiness check waits for the database's answer. */
    private static final int PING_TIMEOUT_SECONDS = 3;

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

    private Database(DatabaseLocation location, Engine engine, Clock clock) {
        this.location = location;
        this.engine = engine;
        this.clock = clock;
    }

    /** Opens (creating if needed) the data folder's default database and migrates it, with the system clock. */
    public static Database open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /**
     * Opens (creating if needed) the data folder's default database ({@link
     * DatabaseLocation#defaultFor}: {@code <dataDir>/framewise.db}) and migrates it.
     *
     * @param clock the time every repository stamps rows with (tests move it forward)
     * @throws DatabaseException naming the file when it cannot be opened, is not a SQLite
     *     database, or its schema is newer than this build
     */
    public static Database open(Path dataDir, Clock clock) {
        try {
            PrivateFiles.directories(dataDir.toAbsolutePath());
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the data folder " + dataDir.toAbsolutePath() + ": " + e, e);
        }
        return open(DatabaseLocation.defaultFor(dataDir), clock);
    }

    /**
     * Opens the database at {@code location} (creating a SQLite file if needed) and migrates it.
     *
     * @throws DatabaseException saying where and why when it cannot be reached or opened, is not a
     *     database of ours, or its schema is newer than this build
     */
    public static Database open(DatabaseLocation location, Clock clock) {
        Engine engine;
        try {
            if (location instanceof DatabaseLocation.Sqlite sqlite) {
                SqliteEngine.prepare(sqlite.file());
                migrate(SqliteEngine.dataSource(sqlite.file()), location);
                engine = SqliteEngine.open(sqlite.file());
            } else {
                DatabaseLocation.Postgres postgres = (DatabaseLocation.Postgres) location;
                migrate(PostgresEngine.dataSource(postgres), location);
                engine = PostgresEngine.open(postgres);
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the database " + location.describe() + ": " + e, e);
        } catch (SQLException | FlywayException | org.jooq.exception.DataAccessException | IllegalStateException e) {
            throw new DatabaseException(
                    "Cannot open the database " + location.describe() + ": " + reason(e)
                            + (location instanceof DatabaseLocation.Sqlite
                                    ? " (if the file is damaged, move it away and restore a backup)"
                                    : ""),
                    e);
        } catch (RuntimeException e) {
            if (e.getClass().getName().startsWith("com.zaxxer.hikari")) {
                throw new DatabaseException("Cannot open the database " + location.describe() + ": " + reason(e), e);
            }
            throw e;
        }
        return new Database(location, engine, clock);
    }

    /** Where the database is. */
    public DatabaseLocation location() {
        return location;
    }

    /**
     * Fetches the rows of {@code query} that this transaction claims for work several nodes share:
     * on PostgreSQL it locks them and skips rows another node has locked ({@code FOR UPDATE SKIP
     * LOCKED}, of {@code tables} only when given); on SQLite the single writer already keeps every
     * other claimer out, so it is a plain fetch. Call it inside a {@link #write}.
     */
    public <R extends Record> Result<R> claim(SelectForUpdateStep<R> query, Table<?>... tables) {
        if (!isPostgres()) {
            return query.fetch();
        }
        return (tables.length == 0 ? query.forUpdate() : query.forUpdate().of(tables))
                .skipLocked()
                .fetch();
    }

    /** Whether jOOQ renders for PostgreSQL (a few queries differ: claims that skip locked rows). */
    public boolean isPostgres() {
        return engine.dialect() == SQLDialect.POSTGRES;
    }

    /**
     * The SQLite database file.
     *
     * @throws IllegalStateException on PostgreSQL, which has no file of ours
     */
    public Path file() {
        if (location instanceof DatabaseLocation.Sqlite sqlite) {
            return sqlite.file();
        }
        throw new IllegalStateException("the database is on PostgreSQL (" + location.describe() + "), not in a file");
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
            beginWriter();
            try {
                T result = work.run(writer);
                exec(writerConnection, "COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
                endWriter();
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
                beginWriter();
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
                endWriter();
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
        Connection reader;
        try {
            reader = engine.takeReader();
        } catch (SQLException e) {
            throw new DatabaseException("No database reader for " + location.describe() + ": " + reason(e), e);
        }
        try {
            exec(reader, engine.beginRead());
            boolean done = false;
            try {
                T result = work.run(dsl(reader));
                done = true;
                return result;
            } finally {
                // A failed statement leaves a PostgreSQL transaction aborted: end it without hiding the failure.
                if (done) {
                    exec(reader, "COMMIT");
                } else {
                    execQuietly(reader, "ROLLBACK");
                }
            }
        } finally {
            engine.giveBackReader(reader);
        }
    }

    /**
     * Whether the database answers a trivial query within a few seconds (the readiness check of
     * {@code /api/health/ready}); never throws.
     */
    public boolean answers() {
        try {
            return read(db -> db.selectOne().queryTimeout(PING_TIMEOUT_SECONDS).fetchOne()) != null;
        } catch (RuntimeException e) {
            LOG.debug("The database {} does not answer: {}", location.describe(), reason(e));
            return false;
        }
    }

    /**
     * Reports the writer (busy, writes waiting for it) and the engine's connections to {@code
     * registry}, for {@code /api/metrics}.
     */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("framewise.db.writer.busy", writeLock, l -> l.isLocked() ? 1 : 0)
                .description("1 while this node's single writer runs a transaction")
                .register(registry);
        Gauge.builder("framewise.db.writer.waiting", writeLock, ReentrantLock::getQueueLength)
                .description("Writes of this node waiting for the writer")
                .register(registry);
        engine.bindMetrics(registry);
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            engine.close();
        } finally {
            writeLock.unlock();
        }
    }

    private static void migrate(DataSource dataSource, DatabaseLocation location) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** Takes the writing connection and begins a write transaction on it (the write lock is held). */
    private void beginWriter() {
        Connection c;
        try {
            c = engine.takeWriter();
        } catch (SQLException e) {
            throw new DatabaseException(
                    "No database connection to write to " + location.describe() + ": " + reason(e), e);
        }
        try {
            exec(c, engine.beginWrite());
        } catch (RuntimeException e) {
            engine.giveBackWriter(c);
            throw e;
        }
        writerConnection = c;
        writer = dsl(c);
    }

    private void endWriter() {
        Connection c = writerConnection;
        writerConnection = null;
        writer = null;
        if (c != null) {
            engine.giveBackWriter(c);
        }
    }

    private DSLContext dsl(Connection c) {
        Settings settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
        return DSL.using(c, engine.dialect(), settings);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The database " + location.describe() + " is closed");
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
        // SQLite may have rolled back already (e.g. after SQLITE_FULL); nothing is left open then.
        execQuietly(writerConnection, "ROLLBACK");
    }

    private static void execQuietly(Connection c, String sql) {
        if (c == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException ignored) {
            // Best effort: the transaction is over either way.
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
