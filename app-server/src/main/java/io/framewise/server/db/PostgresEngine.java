package io.framewise.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * PostgreSQL, shared by every server node (ADR 0058). Each node keeps the single-writer discipline
 * among its own threads (one writing connection behind the write lock), so the code above behaves as
 * on SQLite; nodes write side by side and PostgreSQL's row locks and constraints order them. Readers
 * come from a HikariCP pool and read a repeatable-read, read-only snapshot, as a SQLite WAL reader
 * does.
 */
final class PostgresEngine implements Engine {

    private static final int READERS = 8;
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private final DatabaseLocation.Postgres location;
    private final HikariDataSource writers;
    private final HikariDataSource readers;

    private PostgresEngine(DatabaseLocation.Postgres location) {
        this.location = location;
        HikariDataSource w = null;
        try {
            w = pool(location, "framewise-writer", 1);
            this.writers = w;
            this.readers = pool(location, "framewise-readers", READERS);
        } catch (RuntimeException e) {
            if (w != null) {
                w.close();
            }
            throw e;
        }
    }

    static PostgresEngine open(DatabaseLocation.Postgres location) {
        return new PostgresEngine(location);
    }

    /** A plain data source (for Flyway and one-off connections). */
    static DataSource dataSource(DatabaseLocation.Postgres location) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(location.jdbcUrl());
        ds.setUser(location.user());
        ds.setPassword(location.password());
        ds.setApplicationName("framewise");
        // A batch of inserts (a note import) goes as multi-row statements, not a round trip per row.
        ds.setReWriteBatchedInserts(true);
        ds.setConnectTimeout((int) (CONNECT_TIMEOUT_MILLIS / 1000));
        return ds;
    }

    private static HikariDataSource pool(DatabaseLocation.Postgres location, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource(location));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setAutoCommit(true);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(CONNECT_TIMEOUT_MILLIS);
        return new HikariDataSource(config);
    }

    /** The readers' pool, for metrics. */
    HikariDataSource readerPool() {
        return readers;
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
        // Hikari's own meters (hikaricp_connections_active, _idle, _pending, acquire times), per pool name.
        MicrometerMetricsTrackerFactory factory = new MicrometerMetricsTrackerFactory(registry);
        writers.setMetricsTrackerFactory(factory);
        readers.setMetricsTrackerFactory(factory);
    }

    @Override
    public SQLDialect dialect() {
        return SQLDialect.POSTGRES;
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public String beginWrite() {
        return "BEGIN";
    }

    @Override
    public String beginRead() {
        return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    }

    @Override
    public Connection takeWriter() throws SQLException {
        return writers.getConnection();
    }

    @Override
    public void giveBackWriter(Connection writer) {
        closeQuietly(writer);
    }

    @Override
    public Connection takeReader() throws SQLException {
        return readers.getConnection();
    }

    @Override
    public void giveBackReader(Connection reader) {
        closeQuietly(reader);
    }

    @Override
    public void close() {
        readers.close();
        writers.close();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Back to the pool; a broken connection is replaced by the pool.
        }
    }
}
